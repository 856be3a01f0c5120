import Foundation
import Glibc
import KGModel
import KGText

/// Cuts a large text file into parts at paragraph boundaries, so the builder reads, extracts and
/// stores it a part at a time with memory bounded by the part size, not the file size.
enum FileParts {
    /// How far past a nominal cut point a paragraph break is looked for.
    static let searchWindow = 256 * 1024

    /// The file's size in bytes, or nil when it cannot be stat'ed (reading it reports why).
    static func size(of path: String) -> Int? {
        // Standard input is read once, whole; a file that happens to be named "-" is not it.
        if path == InputFiles.standardInput { return nil }
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// Plain text and Markdown can be cut between paragraphs; HTML cannot be cut without
    /// breaking its elements, so it is read whole.
    static func canSplit(_ path: String) -> Bool {
        switch InputFiles.fileExtension(path) {
        case "html", "htm": return false
        case "txt", "text", "md", "markdown": return true
        default:
            guard case .success(let head) = InputFiles.readBytes(path, limit: 512) else { return false }
            let text = String(decoding: head, as: UTF8.self).drop { $0.isWhitespace }.lowercased()
            return !(text.hasPrefix("<!doctype html") || text.hasPrefix("<html"))
        }
    }

    /// Byte ranges covering the file in order, each about `partSize` long and ending after a
    /// blank line (else after a line break, else before a UTF-8 lead byte) found within
    /// `searchWindow` bytes of the nominal cut. Nil when the file cannot be read.
    static func cuts(of path: String, size: Int, partSize: Int) -> [Range<Int>]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var ranges: [Range<Int>] = []
        var start = 0
        var window = [UInt8](repeating: 0, count: searchWindow)
        while size - start > partSize + partSize / 2 {
            let nominal = start + partSize
            let got = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, searchWindow, off_t(nominal)) }
            if got <= 0 { return nil }
            let cut = nominal + breakOffset(in: window[0..<got])
            ranges.append(start..<cut)
            start = cut
        }
        ranges.append(start..<size)
        return ranges
    }

    /// Where to cut in `bytes` (the bytes from a nominal cut on): just after the first blank
    /// line, else after the first line break, else before the first UTF-8 lead byte (GB18030 text
    /// has line breaks well within the window).
    static func breakOffset(in bytes: ArraySlice<UInt8>) -> Int {
        let base = bytes.startIndex
        var index = base
        var lineBreak: Int?
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                if lineBreak == nil { lineBreak = index + 1 - base }
                // "\n\n" or "\n\r\n": the next paragraph starts after it.
                var next = index + 1
                if next < bytes.endIndex && bytes[next] == 0x0D { next += 1 }
                if next < bytes.endIndex && bytes[next] == 0x0A { return next + 1 - base }
            }
            index += 1
        }
        if let lineBreak { return lineBreak }
        return bytes.firstIndex { $0 & 0xC0 != 0x80 }.map { $0 - base } ?? bytes.count
    }

    /// The bytes of `range` in the file.
    static func read(_ path: String, range: Range<Int>) throws(Diagnostic) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { throw unreadable(path) }
            done += got
        }
        return bytes
    }

    private static func unreadable(_ path: String) -> Diagnostic {
        Diagnostic(
            .inputUnreadable, "cannot read the file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path),
            hint: "check the file's permissions; it may have changed while kg read it")
    }
}
