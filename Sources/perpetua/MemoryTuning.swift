#if canImport(Glibc)
import Glibc
#endif

/// glibc `malloc` settings for a process that allocates and frees at a high rate on a few
/// threads (the engine's events, the journal's batches, the projector's rows).
///
/// By default glibc gives memory at the top of a heap back to the kernel as soon as more
/// than 128 KiB is free there, and serves blocks above a moving threshold with `mmap`; the
/// next burst then faults the same pages back in, one page fault per 4 KiB. Profiles of
/// `bench journal` showed page faults in `sysmalloc` as about a tenth of all time, and the
/// in-memory engine run swinging between 0.72 and 1.1 M commands/s from run to run. Keeping
/// freed memory (up to 512 MiB per heap) and growing heaps 64 MiB at a time removes both.
/// `GLIBC_TUNABLES` given in the environment still wins: these are set only when absent.
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
        guard getenv("GLIBC_TUNABLES") == nil else { return }
        _ = mallopt(trimThreshold, 512 << 20)
        _ = mallopt(topPad, 64 << 20)
        // Fixed (setting the trim threshold stops glibc's own adjustment of it): large arrays
        // come from the heap, where freed memory is kept, instead of a fresh mapping each time.
        _ = mallopt(mmapThreshold, 32 << 20)
        #endif
    }

    // <malloc.h>, which the Glibc module does not include.
    private static let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
    private static let topPad: Int32 = -2  // M_TOP_PAD
    private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
}

#if canImport(Glibc)
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
