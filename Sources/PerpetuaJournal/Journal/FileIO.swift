#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The few system calls the journal needs, with errors that name the file.
///
/// The journal talks to the kernel directly rather than through `FileHandle` because its
/// guarantees are about system calls: one `write` per commit, `fsync` before an
/// acknowledgement, `fsync` of the directory after a segment is created or removed so the
/// directory entry itself survives a crash.
enum FileIO {
    /// Creates the directory and its parents when missing.
    static func createDirectory(_ path: String) throws(JournalError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "mkdir", path: path, errno: errno)
        }
    }

    /// The segments in `directory` sorted by first sequence number; other files are ignored.
    static func segments(in directory: String) throws(JournalError) -> [(firstSequence: UInt64, path: String)] {
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw .io(operation: "opendir", path: directory, errno: errno)
        }
        defer { closedir(dir) }
        var found: [(firstSequence: UInt64, path: String)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if let first = JournalFormat.firstSequence(ofSegmentNamed: name) {
                found.append((first, directory + "/" + name))
            }
        }
        return found.sorted { $0.firstSequence < $1.firstSequence }
    }

    /// The whole file.
    static func readAll(_ path: String) throws(JournalError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "fstat", path: path, errno: errno) }
        let size = Int(info.st_size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }  // the file shrank while reading: take what is there
                done += n
            }
            initialized = done
        }
        if failure != 0 { throw .io(operation: "read", path: path, errno: failure) }
        return bytes
    }

    /// Opens a file for appending writes, creating it when `create`.
    static func openForAppend(_ path: String, create: Bool) throws(JournalError) -> Int32 {
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        return fd
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(JournalError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno; return }
                done += n
            }
        }
        if failure != 0 { throw .io(operation: "write", path: path, errno: failure) }
    }

    /// Flushes the file's data (and the metadata needed to read it) to the device.
    static func sync(_ fd: Int32, path: String) throws(JournalError) {
        #if canImport(Darwin)
        // Darwin's fsync does not flush the drive's cache; F_FULLFSYNC does.
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(fd) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
    }

    /// Makes created, removed or renamed entries of `directory` durable.
    static func syncDirectory(_ directory: String) throws(JournalError) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: directory, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(operation: "fsync", path: directory, errno: errno) }
    }

    /// Cuts the file to `length` bytes and makes the cut durable.
    static func truncate(_ path: String, to length: Int) throws(JournalError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(length)) == 0 else { throw .io(operation: "ftruncate", path: path, errno: errno) }
        try sync(fd, path: path)
    }

    /// Deletes a file.
    static func remove(_ path: String) throws(JournalError) {
        guard unlink(path) == 0 else { throw .io(operation: "unlink", path: path, errno: errno) }
    }

    /// Closes a descriptor; errors are ignored because every byte that matters was synced.
    static func closeFile(_ fd: Int32) { _ = close(fd) }

    /// The size of a file, or nil when it does not exist.
    static func size(_ path: String) throws(JournalError) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .io(operation: "stat", path: path, errno: errno)
        }
        return Int(info.st_size)
    }
}
