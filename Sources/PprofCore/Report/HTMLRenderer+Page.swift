extension HTMLRenderer {
  // The page's style sheet and script, inlined into every report (no network access). They are
  // real files beside this one (Page/page.css, Page/page.js), embedded at build time.

  static let style = pageFile(PackageResources.page_css)
  static let script = pageFile(PackageResources.page_js)

  /// A page file's text, without the line end that ends the file.
  private static func pageFile(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.last == UInt8(ascii: "\n") ? bytes.dropLast() : bytes[...], as: UTF8.self)
  }
}
