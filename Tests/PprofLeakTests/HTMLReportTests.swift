import Foundation
import Testing

/// The HTML report in a real browser (Debian's chromium, headless): it draws with no errors,
/// the flame graph a rectangle per frame at least a pixel wide and each chart a point per snapshot.
@Suite("HTML report in a browser", .serialized)
struct HTMLReportTests {
  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
  static let skip = "chromium is not installed (apt-get install -y chromium); .ci/run installs it"

  /// Runs headless chromium on `page` with `arguments`; returns standard output and error.
  static func browse(_ page: URL, _ arguments: [String]) throws -> (out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium ?? "/usr/bin/chromium")
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=" + page.deletingLastPathComponent().appendingPathComponent("profile").path,
      "--enable-logging=stderr", "--v=0",
    ] + arguments + [page.absoluteString]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }

  /// The JSON the page draws from.
  static func data(_ html: String) throws -> [String: Any] {
    let start = try #require(html.range(of: "<script type=\"application/json\" id=\"data\">"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let json = String(html[start.upperBound..<end.lowerBound])
    return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The frames of `flame` the page draws when zoomed into `zoom`: its callers, and the frames
  /// under it at least a pixel wide of the graph's 1,060 (the page's arithmetic, in its order).
  static func wideFrames(_ flame: [String: Any], zoomedInto zoom: Int = 0) -> Set<Int> {
    let after = flame["after"] as? [Int] ?? []
    let parent = flame["parent"] as? [Int] ?? []
    var children = [[Int]](repeating: [], count: after.count)
    for node in after.indices.dropFirst() { children[parent[node]].append(node) }
    var drawn: Set<Int> = []
    var caller = zoom
    while caller >= 0 { drawn.insert(caller); caller = parent[caller] }
    let scale = 1060 / Double(max(after[zoom], 1))
    var stack = [zoom]
    while let node = stack.popLast() {
      for child in children[node] where Double(after[child]) * scale >= 1 {
        drawn.insert(child)
        stack.append(child)
      }
    }
    return drawn
  }

  /// The leaky fixture's trend page, as it is written.
  static func leakyPage() throws -> URL {
    let page = try CIFormatTests.temporaryDirectory().appendingPathComponent("leaky.html")
    _ = try CIFormatTests.run(["trend", CIFormatTests.leaky, "--format", "html", "--output", page.path])
    return page
  }

  /// Opens the trend page of the leaky fixture with `script` run after the page's own, and
  /// returns the page's data, the DOM and the JSON the script left in `data-<attribute>`.
  static func browseLeaky(adding script: String, attribute: String) throws
    -> (data: [String: Any], dom: String, result: [String: Any])
  {
    let page = try leakyPage()
    let html = try String(contentsOf: page, encoding: .utf8)
    try html.replacingOccurrences(of: "</body>", with: "<script>" + script + "</script></body>")
      .write(to: page, atomically: true, encoding: .utf8)
    let (dom, log) = try browse(page, ["--dump-dom"])
    #expect(dom.contains("data-errors=\"0\""), "\(log)")
    let start = try #require(dom.range(of: "data-\(attribute)=\""), "\(log)")
    let end = try #require(dom.range(of: "\"", range: start.upperBound..<dom.endIndex))
    let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&amp;", with: "&")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    return (try data(html), dom, result)
  }

  @Test("a trend report draws its charts and flame graphs, with no script errors", .enabled(if: chromium != nil, Comment(rawValue: skip)))
  func trendInBrowser() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let page = directory.appendingPathComponent("report.html")
    let series = CIFormatTests.root.appendingPathComponent("Fixtures/trend/blocked-send").path
    let result = try CIFormatTests.run(["trend", series, "--format", "html", "--output", page.path])
    #expect(result.status == 1)
    #expect(result.out.contains("1. LEAK"))  // the text report still goes to stdout
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(!html.contains("http://") || !html.contains("<script src"))
    #expect(!html.contains("<link"))
    // On paper the controls go and stacks wrap instead of being cut at the page's edge.
    let print = try #require(html.range(of: "@media print {").map { html[$0.upperBound...].prefix(300) })
    #expect(print.contains(".toolbar { display: none; }"))
    #expect(print.contains(".stack { white-space: pre-wrap;"))
    let data = try Self.data(html)

    let (dom, log) = try Self.browse(page, ["--dump-dom"])
    #expect(dom.contains("data-ready=\"yes\""), "the page's script did not finish")
    #expect(dom.contains("data-errors=\"0\""))
    #expect(!log.contains("Uncaught"), "\(log)")

    let flames = try #require(data["flames"] as? [[String: Any]])
    #expect(flames.count == 2)  // goroutine and heap
    let frames = flames.reduce(0) { $0 + Self.wideFrames($1).count }
    #expect(frames > 10)
    #expect(Self.count("class=\"frame", in: dom) == frames)
    let charts = (data["charts"] as? [[String: Any]] ?? [])
      + (data["findings"] as? [[String: Any]] ?? []).compactMap { $0["chart"] as? [String: Any] }
    let points = charts.reduce(0) { $0 + (($1["y"] as? [Int])?.count ?? 0) }
    #expect(points >= 12 * 3)
    #expect(Self.count("class=\"point\"", in: dom) == points)
    #expect(dom.contains("main.sendResult"))
    // The kind and the sample type, once when they are the same word.
    #expect(dom.contains("Diff flame graph: goroutine<") && dom.contains("Diff flame graph: heap inuse_space<"))
    #expect(dom.contains("goroutine total — points"))
    #expect(!dom.contains("goroutine goroutine"))

    let screenshot = directory.appendingPathComponent("report.png")
    _ = try Self.browse(page, ["--window-size=1200,1600", "--screenshot=" + screenshot.path])
    let size = try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int ?? 0
    #expect(size > 20_000)
  }

  @Test("a diff report with a memory limit draws the limit and its crossing", .enabled(if: chromium != nil, Comment(rawValue: skip)))
  func trendWithLimit() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let page = directory.appendingPathComponent("limit.html")
    let result = try CIFormatTests.run([
      "trend", CIFormatTests.leaky, "--format", "html", "--output", page.path, "--memory-limit", "64M",
    ])
    #expect(result.status == 1)
    let (dom, _) = try Self.browse(page, ["--dump-dom"])
    #expect(dom.contains("data-errors=\"0\""))
    #expect(Self.count("class=\"limit\"", in: dom) == 1)
    #expect(Self.count("class=\"crossing\"", in: dom) == 1)
    // The largest committed series: a small page that says how many frames it left out.
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.utf8.count < 100_000)
    let pruned = try #require(try Self.data(html)["flames"] as? [[String: Any]]).compactMap { $0["pruned"] as? Int }
    #expect(pruned.contains { $0 > 0 })
    for count in pruned where count > 0 {
      #expect(dom.contains("\(count) frames are left out"))
    }

    let diffPage = directory.appendingPathComponent("diff.html")
    let diff = try CIFormatTests.run([
      "diff", "\(CIFormatTests.leaky)/heap-01.pb.gz", "\(CIFormatTests.leaky)/heap-08.pb.gz",
      "--format", "html", "--output", diffPage.path,
    ])
    #expect(diff.status == 0)  // heap growth of no known pattern is a suspect
    let (diffDOM, _) = try Self.browse(diffPage, ["--dump-dom"])
    #expect(diffDOM.contains("data-ready=\"yes\""))
    #expect(diffDOM.contains("data-errors=\"0\""))
    #expect(diffDOM.contains("main.longRunningTask"))
  }

  /// The text a reader sees (and hovers over: `<title>` elements), without scripts and tags.
  static func visibleText(_ dom: String) -> String {
    dom.replacingOccurrences(of: "(?s)<script[^>]*>.*?</script>", with: " ", options: .regularExpression)
      .replacingOccurrences(of: "<[^>]*>", with: "\n", options: .regularExpression)
  }

  @Test("numbers are rounded on the page and exact on hover", .enabled(if: chromium != nil, Comment(rawValue: skip)))
  func roundedNumbers() throws {
    // Frames get their hover text when first hovered: hover over the heap graph's root.
    let (_, dom, titles) = try Self.browseLeaky(
      adding: """
        var svg = document.querySelectorAll('.flame-svg')[1], out = { before: svg.querySelectorAll('title').length };
        svg.querySelector('.frame[data-node="0"]').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        out.after = svg.querySelectorAll('title').length;
        document.body.dataset.titles = JSON.stringify(out);
        """, attribute: "titles")
    #expect(titles["before"] as? Int == 0)
    #expect(titles["after"] as? Int == 1)
    let text = Self.visibleText(dom)
    #expect(text.range(of: "[0-9]\\.[0-9]{4,}", options: .regularExpression) == nil)
    // The heap-growth finding's slope is 518.437… bytes per second.
    #expect(dom.contains("slope <span class=\"slope\" title=\"+518.437 B per second\">+518 B</span> per second"))
    // A frame's hover text: the size rounded, then every byte.
    let hover = "<title>all\\nafter [0-9.]+ MiB \\([0-9]{1,3}(,[0-9]{3})+ B\\), change "
    #expect(dom.range(of: hover, options: .regularExpression) != nil)
  }

  /// Presses keys on the heap flame graph after the page has drawn, and records in
  /// `data-keyboard` where the focus went and which frames take it.
  static let keyboardScript = """
    (function () {
      var svg = document.querySelectorAll('.flame-svg')[1], out = {};
      function node() { return +document.activeElement.getAttribute('data-node'); }
      function key(name) {
        document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
        return node();
      }
      function focusable() { return svg.querySelectorAll('.frame[tabindex]'); }
      function hidden() {
        return [].filter.call(focusable(), function (r) { return +r.getAttribute('width') === 0; }).length;
      }
      out.stops = document.querySelectorAll('.frame[tabindex="0"]').length;
      out.hidden = hidden();
      svg.querySelector('.frame[tabindex="0"]').focus();
      out.start = node();
      out.down = key('ArrowDown');
      out.right = key('ArrowRight');
      out.left = key('ArrowLeft');
      out.up = key('ArrowUp');
      out.before = focusable().length;
      out.zoomed = key('ArrowDown');
      key('Enter');
      out.zoomedStops = svg.querySelectorAll('.frame[tabindex="0"]').length;
      out.zoomedHidden = hidden();
      out.zoomedFocusable = focusable().length;
      key('Escape');
      out.after = focusable().length;
      out.focus = node();
      document.body.dataset.keyboard = JSON.stringify(out);
    })();
    """

  @Test("the flame graph is one tab stop: arrows move, Enter zooms, Escape zooms out, hidden frames take no focus",
    .enabled(if: chromium != nil, Comment(rawValue: skip)))
  func keyboard() throws {
    let (data, _, result) = try Self.browseLeaky(adding: Self.keyboardScript, attribute: "keyboard")
    let parent = try #require((data["flames"] as? [[String: Any]])?[1]["parent"] as? [Int])
    let keys = result.compactMapValues { $0 as? Int }
    #expect(keys["stops"] == 2)  // one per graph: goroutine and heap
    #expect(keys["hidden"] == 0)
    #expect(keys["start"] == 0)
    let down = try #require(keys["down"])
    #expect(down > 0 && parent[down] == 0)
    let right = try #require(keys["right"])
    #expect(right != down && parent[right] == 0)
    #expect(keys["left"] == down)
    #expect(keys["up"] == 0)
    // Zoomed into a callee of the root: the frames beside it are no longer drawn and leave the
    // tab order; the zoomed frame keeps the focus and the one tab stop.
    #expect(keys["zoomedStops"] == 1)
    #expect(keys["zoomedHidden"] == 0)
    #expect((keys["zoomedFocusable"] ?? 0) < (keys["before"] ?? 0))
    #expect(keys["after"] == keys["before"])
    #expect(keys["focus"] == keys["zoomed"])
  }

  @Test("only frames a pixel wide are drawn; a zoom draws the callees it widens; the search finds undrawn frames",
    .enabled(if: chromium != nil, Comment(rawValue: skip)))
  func subpixelFrames() throws {
    // The leaky fixture's heap graph: 29 frames, 15 of them a pixel wide at the top. Zoomed into
    // net/http.(*conn).serve (3 px), its callees under a pixel (pprof's handler, crc32) widen.
    let leaky = try Self.data(try String(contentsOf: try Self.leakyPage(), encoding: .utf8))
    let heap = try #require((leaky["flames"] as? [[String: Any]])?[1])
    let names = try #require(heap["names"] as? [String])
    let top = Self.wideFrames(heap)
    #expect(top.count < names.count, "no frame is under a pixel: the test tests nothing")
    let zoom = try #require(
      names.indices.first { top.contains($0) && !Self.wideFrames(heap, zoomedInto: $0).isSubset(of: top) })
    let narrow = try #require(names.indices.first { !top.contains($0) })
    let pattern = "^" + NSRegularExpression.escapedPattern(for: names[narrow]) + "$"
    let quoted = String(
      decoding: try JSONSerialization.data(withJSONObject: [pattern]), as: UTF8.self)
    let (_, _, result) = try Self.browseLeaky(
      adding: """
        var svg = document.querySelectorAll('.flame-svg')[1], out = {};
        function nodes() { return [].map.call(svg.querySelectorAll('rect'), function (r) { return +r.getAttribute('data-node'); }); }
        out.top = nodes();
        var search = document.querySelectorAll('.toolbar input')[1];
        search.value = \(quoted)[0];
        search.dispatchEvent(new Event('input'));
        out.status = document.querySelectorAll('.status')[1].textContent;
        svg.querySelector('.frame[data-node="\(zoom)"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));
        out.zoomed = nodes();
        out.matches = [].map.call(svg.querySelectorAll('.match'), function (r) { return +r.getAttribute('data-node'); });
        document.querySelectorAll('.toolbar button')[1].click();
        out.reset = nodes();
        document.body.dataset.flame = JSON.stringify(out);
        """, attribute: "flame")
    // No rectangle for a frame under a pixel, and one for every other frame, at the top and zoomed.
    let drawn = { (key: String) in Set(result[key] as? [Int] ?? []) }
    #expect((result["top"] as? [Int])?.count == top.count)
    #expect(drawn("top") == top)
    let zoomed = Self.wideFrames(heap, zoomedInto: zoom)
    #expect(drawn("zoomed") == zoomed)
    #expect(drawn("reset") == top)
    // The search counts every frame of that name, drawn or not, and outlines those drawn.
    let matching = Set(names.indices.filter { names[$0] == names[narrow] })
    let hidden = matching.subtracting(top).count
    let status = try #require(result["status"] as? String)
    #expect(status.hasPrefix("matched ") && status.contains(" of "), "\(status)")
    let frames = "\(matching.count) frame\(matching.count == 1 ? "" : "s")"
    let narrowNote = "(\(hidden) under a pixel wide at this zoom, not drawn)"
    #expect(status.hasSuffix("in \(frames) " + narrowNote), "\(status)")
    #expect(drawn("matches") == matching.intersection(zoomed))
  }

  @Test("a diff page states the time between the profiles and charts over it; without times, by snapshot")
  func diffTimes() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let page = directory.appendingPathComponent("diff.html").path
    let leaky = CIFormatTests.leaky
    for (base, new, label) in [
      ("heap-01.pb.gz", "heap-08.pb.gz", "seconds"),
      ("goroutine-01.debug2.txt", "goroutine-08.debug2.txt", "snapshot (base, new)"),
    ] {
      _ = try CIFormatTests.run(["diff", "\(leaky)/\(base)", "\(leaky)/\(new)", "--format", "html", "--output", page])
      let data = try Self.data(try String(contentsOfFile: page, encoding: .utf8))
      let scope = try #require(data["scope"] as? [String])
      let chart = try #require((data["findings"] as? [[String: Any]])?.first?["chart"] as? [String: Any])
      #expect(chart["xLabel"] as? String == label, "\(base)")
      let x = try #require(chart["x"] as? [Double])
      if label == "seconds" {
        #expect(scope.contains("new taken 8.7 s after base"), "\(scope)")
        #expect(x.count == 2 && x[0] == 0 && (8.6...8.7).contains(x[1]), "\(x)")
      } else {
        #expect(!scope.contains { $0.contains("taken") })
        #expect(x == [0, 1])
      }
    }
  }

  @Test("the README's screenshot is the whole page down to the flame graph, and the README shows it")
  func screenshot() throws {
    let png = try Data(contentsOf: CIFormatTests.root.appendingPathComponent("docs/report.png"))
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    let size = [16, 20].map { offset in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    #expect(size == [1280, 2400])  // --window-size=1280,2400: the charts and a flame graph
    let readme = try String(contentsOf: CIFormatTests.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("](docs/report.png)"))
    #expect(readme.contains("--screenshot=docs/report.png --window-size=1280,2400"))
  }

  @Test("--format html on a terminal without --output says to give one",
    .enabled(if: CollectTests.scriptPath != nil, "script(1) from util-linux makes the terminal"))
  func htmlOnTerminal() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let typescript = directory.appendingPathComponent("typescript").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CollectTests.scriptPath ?? "/usr/bin/script")
    process.arguments = ["-qc", "'\(BinaryTests.executable.path)' trend '\(CIFormatTests.leaky)' --format html; echo \"status $?\"", typescript]
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let screen = try String(contentsOfFile: typescript, encoding: .utf8)
    #expect(screen.contains("--format html writes a page: give --output FILE.html"))
    #expect(screen.contains("status 2"))
    #expect(!screen.contains("<!DOCTYPE html>"))
  }

  @Test("--write-profile and --write-profile-dir write growth profiles that read back")
  func growthProfiles() throws {
    let directory = try CIFormatTests.temporaryDirectory()
    let file = directory.appendingPathComponent("growth.pb.gz").path
    let perFinding = directory.appendingPathComponent("findings").path
    let result = try CIFormatTests.run([
      "trend", CIFormatTests.leaky, "--write-profile", file, "--write-profile-dir", perFinding,
    ])
    #expect(result.status == 1)
    // Two kinds: the kind goes into the name.
    for kind in ["heap", "goroutine"] {
      let path = directory.appendingPathComponent("growth.\(kind).pb.gz").path
      let top = try CIFormatTests.run(["top", path])
      #expect(top.status == 0, "\(path): \(top.err)")
      #expect(top.out.contains("main.longRunningTask"))
    }
    let written = try FileManager.default.contentsOfDirectory(atPath: perFinding).sorted()
    #expect(written.first == "01-blocked-send-main.longRunningTask.pb.gz")
    // The goroutines' descriptors and stacks (runtime.malg) are part of that finding, not a file.
    #expect(!written.contains { $0.contains("runtime.malg") })
    #expect(!written.contains { $0.hasSuffix("-heap.pb.gz") || $0.hasSuffix("-goroutine.pb.gz") })
    // A finding with no frame of the user's code is named by its anchor, not its kind.
    let modern = directory.appendingPathComponent("modern").path
    _ = try CIFormatTests.run(["trend", CIFormatTests.root.appendingPathComponent("Fixtures/profiles/go1.27/series").path, "--write-profile-dir", modern])
    let named = try FileManager.default.contentsOfDirectory(atPath: modern)
    #expect(named.contains { $0.hasSuffix("-blocked-io-net-http.--conn-.serve.pb.gz") }, "\(named)")
    let one = try CIFormatTests.run(["top", perFinding + "/" + (written.first ?? "")])
    #expect(one.out.contains("Showing nodes accounting for 175, 100% of 175 total"))  // 200 - 25 leaked
  }
}
