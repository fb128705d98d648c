/// Turns a UTF-16 file (Excel's "Unicode Text", some tills' exports) into UTF-8 as it is read, chunk by chunk.
///
/// The byte order comes from the byte-order mark, or without one from where the NUL bytes fall in the first
/// bytes: text of Latin letters and digits in UTF-16 has a NUL in every other byte, a UTF-8 or Windows-1252
/// CSV has none. A chunk may end inside a code unit or between the halves of a surrogate pair; the rest waits
/// for the next chunk. Unpaired surrogates become U+FFFD.
struct UTF16Transcoder {
    enum ByteOrder { case littleEndian, bigEndian }

    let order: ByteOrder
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?
    private var skipsMark: Bool

    /// How the bytes that start a file are encoded: a transcoder when they are UTF-16, nil otherwise.
    static func detect(_ start: [UInt8]) -> UTF16Transcoder? {
        if start.count >= 2 {
            if start[0] == 0xFF && start[1] == 0xFE {
                // FF FE 00 00 is UTF-32's mark; no till writes that, and reading it as UTF-16 would be garbage.
                if start.count >= 4 && start[2] == 0 && start[3] == 0 { return nil }
                return UTF16Transcoder(order: .littleEndian, skipsMark: true)
            }
            if start[0] == 0xFE && start[1] == 0xFF { return UTF16Transcoder(order: .bigEndian, skipsMark: true) }
        }
        let pairs = min(start.count, 1024) / 2
        guard pairs >= 2 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in 0..<pairs {
            if start[2 * index] == 0 { evenZeros += 1 }
            if start[2 * index + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs * 3 && evenZeros * 4 <= oddZeros && start[0] != 0 {
            return UTF16Transcoder(order: .littleEndian, skipsMark: false)
        }
        if evenZeros * 10 >= pairs * 3 && oddZeros * 4 <= evenZeros && start[1] != 0 {
            return UTF16Transcoder(order: .bigEndian, skipsMark: false)
        }
        return nil
    }

    private init(order: ByteOrder, skipsMark: Bool) {
        self.order = order
        self.skipsMark = skipsMark
    }

    /// The UTF-8 of `chunk`; with `final`, whatever was left waiting is written out too (as U+FFFD).
    mutating func transcode(_ chunk: [UInt8], final: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(chunk.count)
        var index = 0
        if let first = pendingByte, !chunk.isEmpty {
            pendingByte = nil
            take(unit(first, chunk[0]), into: &output)
            index = 1
        }
        while index + 1 < chunk.count {
            take(unit(chunk[index], chunk[index + 1]), into: &output)
            index += 2
        }
        if index < chunk.count { pendingByte = chunk[index] }
        if final {
            if pendingHighSurrogate != nil || pendingByte != nil { append(0xFFFD, to: &output) }
            pendingHighSurrogate = nil
            pendingByte = nil
        }
        return output
    }

    private func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
        order == .littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b)
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) {
        if skipsMark {
            skipsMark = false
            if unit == 0xFEFF { return }
        }
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                append(0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00)), to: &output)
                return
            }
            append(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: append(0xFFFD, to: &output)
        default: append(UInt32(unit), to: &output)
        }
    }

    private func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
