import Foundation
import PerpetuaCore
import PerpetuaEngine

#if canImport(Glibc)
import Glibc
#endif

/// Engine snapshots on disk: `snapshot-<sequence>.bin` files in one directory, each
/// written atomically (temporary file, fsync, rename, fsync of the directory) and
/// checksummed, so that start-up can trust the newest one that verifies and fall back to
/// an older one (or the journal alone) when it does not.
///
/// File layout: magic `PSNF`, file format version, the engine's last sequence number,
/// payload length, CRC-32 of the payload, then the payload (``Engine/snapshotBytes()``).
public struct SnapshotStore: Sendable {
    /// Where the snapshots live.
    public let directory: String
    static let magic: UInt32 = 0x464E_5350  // "PSNF"
    static let fileVersion: UInt32 = 1
    static let headerSize = 4 + 4 + 8 + 8 + 4

    public init(directory: String) {
        self.directory = directory
    }

    /// The file name of the snapshot at `sequence`; zero-padded so names sort by sequence.
    public static func fileName(sequence: UInt64) -> String {
        let digits = String(sequence)
        return "snapshot-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".bin"
    }

    /// Writes a snapshot of `engine` and returns its path. The file appears whole or not at all.
    @discardableResult
    public func write(_ engine: Engine) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let payload = engine.snapshotBytes()
        var header = BinaryWriter(capacity: Self.headerSize)
        header.writeFixed(Self.magic)
        header.writeFixed(Self.fileVersion)
        header.writeFixed(engine.lastSequence)
        header.writeFixed(UInt64(payload.count))
        header.writeFixed(CRC32.checksum(payload))
        let path = directory + "/" + Self.fileName(sequence: engine.lastSequence)
        let temporary = path + ".tmp"
        try Self.writeDurably(header.bytes + payload, to: temporary)
        guard rename(temporary, path) == 0 else { throw SnapshotError.io(path: path, operation: "rename", errno: errno) }
        try Self.syncDirectory(directory)
        return path
    }

    /// The sequence numbers of the snapshot files present, newest first (unverified).
    public func sequences() -> [UInt64] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> UInt64? in
            guard name.hasPrefix("snapshot-"), name.hasSuffix(".bin") else { return nil }
            return UInt64(name.dropFirst("snapshot-".count).dropLast(".bin".count))
        }.sorted(by: >)
    }

    /// The newest snapshot that verifies, restored; damaged or unreadable ones are reported
    /// through `log` and skipped. Nil when none verifies.
    public func loadNewest(configuration: EngineConfiguration = EngineConfiguration(), log: (String) -> Void) -> Engine? {
        for sequence in sequences() {
            let path = directory + "/" + Self.fileName(sequence: sequence)
            do {
                return try load(path: path, configuration: configuration)
            } catch {
                log("snapshot \(path) skipped: \(error)")
            }
        }
        return nil
    }

    /// Reads and verifies one snapshot file.
    public func load(path: String, configuration: EngineConfiguration = EngineConfiguration()) throws -> Engine {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SnapshotError.io(path: path, operation: "read", errno: errno)
        }
        let bytes = [UInt8](data)
        var reader = BinaryReader(bytes)
        guard bytes.count >= Self.headerSize, try reader.readFixedUInt32() == Self.magic else {
            throw SnapshotError.damaged(path: path, reason: "not a snapshot file")
        }
        let version = try reader.readFixedUInt32()
        guard version == Self.fileVersion else {
            throw SnapshotError.damaged(path: path, reason: "file format \(version), this build reads \(Self.fileVersion)")
        }
        let sequence = try reader.readFixedUInt64()
        let length = try reader.readFixedUInt64()
        let checksum = try reader.readFixedUInt32()
        guard length == UInt64(reader.remaining) else {
            throw SnapshotError.damaged(path: path, reason: "payload is \(reader.remaining) bytes, header says \(length)")
        }
        let payload = Array(try reader.readRaw(Int(length)))
        guard CRC32.checksum(payload) == checksum else { throw SnapshotError.damaged(path: path, reason: "checksum mismatch") }
        let engine = try Engine(snapshot: payload, configuration: configuration)
        guard engine.lastSequence == sequence else {
            throw SnapshotError.damaged(path: path, reason: "header sequence \(sequence) but state at \(engine.lastSequence)")
        }
        return engine
    }

    /// Deletes all but the newest `keep` snapshots (and stray temporary files).
    public func prune(keeping keep: Int) {
        for sequence in sequences().dropFirst(max(1, keep)) {
            unlink(directory + "/" + Self.fileName(sequence: sequence))
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasSuffix(".bin.tmp") { unlink(directory + "/" + name) }
    }

    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SnapshotError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SnapshotError.io(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw SnapshotError.io(path: path, operation: "fsync", errno: errno) }
    }

    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw SnapshotError.io(path: path, operation: "open directory", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SnapshotError.io(path: path, operation: "fsync directory", errno: errno) }
    }
}

/// Why a snapshot could not be written or read.
public enum SnapshotError: Error, CustomStringConvertible, Sendable {
    case io(path: String, operation: String, errno: Int32)
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let code): "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        case .damaged(let path, let reason): "\(path) is damaged: \(reason)"
        }
    }
}
