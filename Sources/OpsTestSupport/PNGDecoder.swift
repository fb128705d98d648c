internal import CZlib
import Foundation

/// Reads a PNG the way a viewer would, for tests: the signature, every chunk's CRC, IHDR, the IDAT stream
/// inflated, and the five scanline filters undone. 8-bit RGB and RGBA only (what the renderer and Chromium write).
public struct PNGDecoder {
    public struct Image: Sendable {
        public let width: Int
        public let height: Int
        /// Bytes a pixel: 3 (RGB) or 4 (RGBA).
        public let channels: Int
        public let pixels: [UInt8]
        /// The chunk types in order, and whether every CRC matched.
        public let chunks: [String]
        public let crcsMatch: Bool

        /// (red, green, blue) at (x, y).
        public func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
            let index = (y * width + x) * channels
            return (pixels[index], pixels[index + 1], pixels[index + 2])
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func decode(_ png: [UInt8]) throws -> Image {
        guard png.count > 8, Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure(description: "no PNG signature")
        }
        func be(_ at: Int) -> Int {
            Int(png[at]) << 24 | Int(png[at + 1]) << 16 | Int(png[at + 2]) << 8 | Int(png[at + 3])
        }
        var offset = 8
        var chunks: [String] = []
        var crcsMatch = true
        var header: [UInt8] = []
        var data: [UInt8] = []
        while offset + 12 <= png.count {
            let length = be(offset)
            guard offset + 12 + length <= png.count else { throw Failure(description: "a chunk runs past the end") }
            let typed = Array(png[(offset + 4)..<(offset + 8 + length)])
            let computed = typed.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            if UInt32(be(offset + 8 + length)) != computed { crcsMatch = false }
            let type = String(decoding: typed.prefix(4), as: UTF8.self)
            chunks.append(type)
            if type == "IHDR" { header = Array(typed.dropFirst(4)) }
            if type == "IDAT" { data += typed.dropFirst(4) }
            offset += 12 + length
        }
        guard header.count == 13 else { throw Failure(description: "no IHDR") }
        let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        guard header[8] == 8, header[9] == 2 || header[9] == 6, header[12] == 0 else {
            throw Failure(description: "only 8-bit RGB/RGBA without interlace is read here")
        }
        let channels = header[9] == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var size = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(size) == raw.count else { throw Failure(description: "IDAT does not inflate") }
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for index in 0..<stride {
                let value = raw[row * (stride + 1) + 1 + index]
                let a = index >= channels ? Int(pixels[row * stride + index - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + index]) : 0
                let c = row > 0 && index >= channels ? Int(pixels[(row - 1) * stride + index - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "unknown filter \(filter)")
                }
                pixels[row * stride + index] = value &+ UInt8(predicted & 0xFF)
            }
        }
        return Image(
            width: width, height: height, channels: channels, pixels: pixels, chunks: chunks, crcsMatch: crcsMatch)
    }
}
