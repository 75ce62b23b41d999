#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An exclusive lock on a data directory, held while a process writes its journal.
///
/// Two servers on one data directory both append to the same journal segments and both
/// project into the same store: each acknowledges orders that the other's next start does
/// not recover. The lock is a `flock` on `DATA/lock`, which the kernel releases when the
/// process ends however it ends (`kill -9` included), so a crash never leaves a stale lock
/// behind. The file holds the holder's process id, for the message a second process gets.
public final class DataDirectoryLock: Sendable {
    /// The lock file's name in the data directory.
    public static let fileName = "lock"

    public let path: String
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)

    /// Takes the lock, or throws at once (it never waits) when another process holds it.
    public init(dataDirectory: String) throws(DataDirectoryLockError) {
        let path = dataDirectory + "/" + Self.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotLock(path: path, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            guard code == EWOULDBLOCK else { throw .cannotLock(path: path, errno: code) }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .inUse(dataDirectory: dataDirectory, holder: holder.flatMap { $0.isEmpty ? nil : $0 })
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.path = path
        self.descriptor = descriptor
    }

    /// Lets another process take the data directory (idempotent).
    public func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        close(descriptor)
    }

    deinit { release() }
}

/// Why a data directory could not be locked.
public enum DataDirectoryLockError: Error, CustomStringConvertible, Equatable {
    case inUse(dataDirectory: String, holder: String?)
    case cannotLock(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .inUse(let directory, let holder):
            "data directory \(directory) is in use by another perpetua process\(holder.map { " (pid \($0))" } ?? ""): "
                + "two processes on one journal would lose orders they acknowledged; stop that one first, or give this one another --data"
        case .cannotLock(let path, let code):
            "cannot lock \(path): \(String(cString: strerror(code))) (errno \(code)); check the data directory's permissions"
        }
    }
}
