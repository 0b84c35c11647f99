import Foundation
import PprofCore

/// Writes `text` to standard output as is.
func writeOutput(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// How a path is named in messages: `<stdin>` for `-`.
func displayName(_ path: String) -> String { ProfileFile.displayName(path) }
