import ArgumentParser
import Foundation
import PprofCore

/// Which `.pprof-leak.yaml` a command reads: the nearest one from the working directory up,
/// another one, or none.
struct ConfigOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Read options from this file instead of the .pprof-leak.yaml found from the working "
        + "directory upwards.",
      valueName: "file"))
  var config: String?

  @Flag(name: .customLong("no-config"), help: "Read no .pprof-leak.yaml.")
  var noConfig = false

  func validate() throws {
    if config != nil, noConfig { throw ValidationError("--config and --no-config contradict") }
  }

  /// The config file: --config, else the nearest .pprof-leak.yaml; nil with --no-config.
  func load() throws(RunError) -> ConfigFile? {
    try ConfigFile.load(explicit: config, disabled: noConfig)
  }
}
