import Foundation

/// Where an exporter writes its text: a buffer that flushes to a file handle in chunks, or that
/// collects everything in memory for tests and small outputs.
///
/// Exporters write many small pieces; a syscall per piece would dominate the run time, and
/// building the whole output as one string would make memory grow with the graph. The sink keeps
/// at most `chunkSize` bytes before handing them on.
public final class TextSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let chunkSize: Int
    private var collected: [UInt8] = []
    /// Bytes written so far, flushed or not.
    public private(set) var byteCount = 0

    /// A sink that writes to `handle` in chunks of about `chunkSize` bytes.
    public init(handle: FileHandle, chunkSize: Int = 1 << 16) {
        self.handle = handle
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 1024)
    }

    /// A sink that keeps everything in memory; read it with `text`.
    public init() {
        handle = nil
        chunkSize = 1 << 16
    }

    /// Appends UTF-8 text (no byte-order mark is ever written).
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        byteCount += text.utf8.count
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands buffered bytes to the file handle (or the in-memory store).
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        if let handle {
            try handle.write(contentsOf: buffer)
        } else {
            collected.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written to an in-memory sink, as a string.
    public var text: String {
        String(decoding: collected + buffer, as: UTF8.self)
    }
}
