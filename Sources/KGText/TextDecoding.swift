import Glibc
import KGModel

/// Turns a file's bytes into text: UTF-8 first, then GB18030 (the encoding older Chinese news
/// pages are saved in), else a diagnostic naming the first bad byte.
public enum TextDecoding {
    /// Decodes `bytes`, stripping a UTF-8 byte-order mark; `encoding` is `"UTF-8"` or
    /// `"GB18030"`. Throws `I005` when the bytes are neither. An empty input decodes to `""`
    /// (the caller reports it as `I006`).
    public static func decode(_ bytes: [UInt8], path: String) throws(Diagnostic) -> (text: String, encoding: String) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let invalid = firstInvalidUTF8(body) else {
            return (String(decoding: body, as: UTF8.self), "UTF-8")
        }
        if let text = decodeGB18030(Array(bytes)) {
            return (text, "GB18030")
        }
        throw Diagnostic(
            .undecodableText, "not valid UTF-8 or GB18030 at byte \(invalid)", at: SourceLocation(file: path),
            hint: "convert the file to UTF-8 (for example `iconv -f <encoding> -t UTF-8`)"
        )
    }

    /// The byte offset (into the whole collection's indices) of the first byte that breaks
    /// UTF-8, or nil when all of it is valid. Rejects overlong forms, surrogates and values
    /// above U+10FFFF, as `String(validating:)` does.
    public static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = bytes.startIndex
            let n = buffer.count
            var i = 0
            while i < n {
                let b0 = buffer[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                var need = 0
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch b0 {
                case 0xC2...0xDF: need = 1
                case 0xE0:
                    need = 2
                    lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED:
                    need = 2
                    upper = 0x9F
                case 0xF0:
                    need = 3
                    lower = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4:
                    need = 3
                    upper = 0x8F
                default: return base + i
                }
                if i + need >= n { return base + i }
                let b1 = buffer[i + 1]
                if b1 < lower || b1 > upper { return base + i }
                var j = 2
                while j <= need {
                    let b = buffer[i + j]
                    if b < 0x80 || b > 0xBF { return base + i }
                    j += 1
                }
                i += need + 1
            }
            return nil
        }
    }

    /// Where byte `offset` of UTF-8 `bytes` lies, for a diagnostic: its line and column (in
    /// characters, as every kg location counts) and the line's text, an invalid sequence shown
    /// as U+FFFD. The bytes before `offset` must be valid UTF-8 (it is the first invalid byte).
    public static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> (SourceLocation, String) {
        let offset = min(max(offset, 0), bytes.count)
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<lineStart].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        var lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        let text = String(decoding: bytes[lineStart..<max(lineStart, lineEnd)], as: UTF8.self)
        return (SourceLocation(file: file, line: line, column: column), text)
    }

    /// Decodes GB18030 through glibc's iconv; nil when the bytes are not valid GB18030.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "" }
        let converter = iconv_open("UTF-8", "GB18030")
        if converter == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(converter) }
        // A GB18030 sequence never grows by more than half in UTF-8 (2 bytes → 3, 4 → 4), so
        // twice the input is always enough.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                // Flush any shift state, so a truncated final sequence is reported, not dropped.
                if iconv(converter, nil, nil, &outPointer, &outLeft) == -1 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[0..<produced], as: UTF8.self)
    }
}
