internal import CZlib

/// Writes an RGB image as PNG: the signature, IHDR, one zlib-deflated IDAT (each scanline "Sub"-filtered,
/// which flat chart colours compress to little) and IEND, each chunk with its CRC-32.
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// `rgb`: width × height pixels, three bytes each, rows top to bottom.
    static func encode(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        precondition(rgb.count == width * height * 3, "an RGB image is three bytes a pixel")
        let stride = width * 3
        var filtered = [UInt8](repeating: 0, count: (stride + 1) * height)
        rgb.withUnsafeBufferPointer { source in
            filtered.withUnsafeMutableBufferPointer { out in
                for row in 0..<height {
                    let from = row * stride
                    let to = row * (stride + 1)
                    out[to] = 1  // Sub: each byte less the same channel of the pixel to its left
                    for index in 0..<stride {
                        let left = index >= 3 ? source[from + index - 3] : 0
                        out[to + 1 + index] = source[from + index] &- left
                    }
                }
            }
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, truecolour, deflate, adaptive filtering, no interlace
        var png = signature
        png += chunk("IHDR", header)
        png += chunk("IDAT", deflate(filtered))
        png += chunk("IEND", [])
        return png
    }

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { compress2(target.baseAddress, &length, $0.baseAddress, uLong($0.count), 6) }
        }
        precondition(status == Z_OK, "zlib could not compress an image (\(status))")
        return Array(out.prefix(Int(length)))
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc(typed))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
