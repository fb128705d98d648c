internal import CCurl
import Foundation

/// One libcurl easy handle: owned here, freed in `deinit`, used by one thread at a time.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    private var upload: UploadSource?
    private var mime: OpaquePointer?
    let redactedURL: String

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init(url: String) throws {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw HTTPError.invalidRequest("libcurl could not make a handle") }
        self.handle = handle
        self.redactedURL = HTTPError.redact(url)
        try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, url))
        // Worker threads must not get SIGALRM from DNS timeouts.
        try check(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_slist_free_all(recipientList)
        if let mime { curl_mime_free(mime) }
        curl_easy_cleanup(handle)
    }

    func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        let message = curl_easy_strerror(code).map { String(cString: $0) } ?? "unknown"
        throw HTTPError.transport(code: Int(code.rawValue), message: message, url: redactedURL)
    }

    func setLong(_ option: CURLoption, _ value: Int) throws { try check(ccurl_easy_setopt_long(handle, option, value)) }

    func setString(_ option: CURLoption, _ value: String) throws {
        try check(ccurl_easy_setopt_string(handle, option, value))
    }

    func setHeaders(_ headers: [(String, String)]) throws {
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        if headerList != nil { try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)) }
    }

    /// The envelope recipients of an SMTP transfer (CURLOPT_MAIL_RCPT).
    func setRecipients(_ addresses: [String]) throws {
        for address in addresses { recipientList = curl_slist_append(recipientList, "<\(address)>") }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList))
    }

    /// Uploads `bytes` (an SMTP message): libcurl reads them through a callback.
    func setUpload(_ bytes: [UInt8]) throws {
        let source = UploadSource(bytes: bytes)
        upload = source
        try setLong(CURLOPT_UPLOAD, 1)
        try setLong(CURLOPT_INFILESIZE, bytes.count)
        try check(
            ccurl_easy_setopt_read_function(
                handle,
                { buffer, size, count, context in
                    guard let buffer, let context else { return 0 }
                    return Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue().read(
                        into: buffer, max: size * count)
                }))
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque()))
    }

    /// Copies the bytes into libcurl, so they need not outlive this call.
    func setBody(_ bytes: [UInt8]) throws {
        try setLong(CURLOPT_POSTFIELDSIZE, bytes.count)
        try bytes.withUnsafeBytes { buffer in
            let start = UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
            try check(ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, start))
        }
    }

    func setMultipart(_ parts: [HTTPRequest.MultipartPart]) throws {
        guard let mime = curl_mime_init(handle) else { throw HTTPError.invalidRequest("libcurl could not make a form") }
        self.mime = mime
        for part in parts {
            guard let field = curl_mime_addpart(mime) else {
                throw HTTPError.invalidRequest("libcurl could not add a part")
            }
            try check(curl_mime_name(field, part.name))
            try part.data.withUnsafeBytes { buffer in
                try check(curl_mime_data(field, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count))
            }
            if let fileName = part.fileName { try check(curl_mime_filename(field, fileName)) }
            if let contentType = part.contentType { try check(curl_mime_type(field, contentType)) }
        }
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_MIMEPOST, UnsafeMutableRawPointer(mime)))
    }

    /// Makes the transfer stop (with CURLE_ABORTED_BY_CALLBACK) once `flag` is raised.
    func abort(when flag: CancelFlag) throws {
        try setLong(CURLOPT_NOPROGRESS, 0)
        try check(
            ccurl_easy_setopt_xferinfo_function(
                handle,
                { context, _, _, _, _ in
                    guard let context else { return 0 }
                    return Unmanaged<CancelFlag>.fromOpaque(context).takeUnretainedValue().isRaised ? 1 : 0
                }))
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(flag).toOpaque()))
    }

    /// Runs an upload (SMTP) on the calling thread and returns the server's last reply code.
    func performUpload() throws -> Int {
        try check(curl_easy_perform(handle))
        var code = 0
        try check(ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code))
        return code
    }

    /// Runs the transfer on the calling thread (blocking) and returns the answer.
    func perform() throws -> HTTPResponse {
        let sink = ResponseSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(
            ccurl_easy_setopt_write_function(
                handle, CURLOPT_WRITEFUNCTION,
                { data, size, count, context in
                    guard let context else { return 0 }
                    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
                    if let data {
                        sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
                    }
                    return size * count
                }))
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(
            ccurl_easy_setopt_write_function(
                handle, CURLOPT_HEADERFUNCTION,
                { data, size, count, context in
                    guard let context, let data else { return 0 }
                    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
                    sink.header(
                        String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self))
                    return size * count
                }))
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try withExtendedLifetime(sink) { try check(curl_easy_perform(handle)) }
        var status = 0
        try check(ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}

/// Bytes handed to libcurl's read callback a piece at a time.
private final class UploadSource {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        let count = min(max, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// Collects a response as libcurl hands it over.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [String: String] = [:]

    func header(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after a 100 Continue or a redirect)
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers[name] = value
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}
