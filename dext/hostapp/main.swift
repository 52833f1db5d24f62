// hil-dext-host: the minimal host app that activates, deactivates and reports a dext on a
// Mac. macOS installs a system extension only at the request of the app that embeds it
// (Contents/Library/SystemExtensions/<bundle id>.dext), so the harness runs this app's
// executable: `HilDextHost activate|deactivate|report [BUNDLE_ID]` (MacDextHostOptions.Activator).
// UNVERIFIED: written and reviewed on Linux; it has never been compiled or run on a Mac.
//
// Prints one JSON line and exits: 0 done, 3 waiting for the user's approval in System
// Settings (activation only; the harness then polls systemextensionsctl), 1 failed, 2 usage.
import Foundation
import SystemExtensions

let timeoutSeconds: TimeInterval = 60

func emit(_ fields: [String: Any]) {
    let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(data: data ?? Data("{}".utf8), encoding: .utf8) ?? "{}")
}

// The one dext this app embeds, unless the command line names another.
func embeddedDextID() -> String? {
    let dir = Bundle.main.bundleURL.appendingPathComponent("Contents/Library/SystemExtensions")
    let items = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    let dexts = items.filter { $0.hasSuffix(".dext") }
    guard dexts.count == 1 else { return nil }
    return Bundle(url: dir.appendingPathComponent(dexts[0]))?.bundleIdentifier
}

final class Delegate: NSObject, OSSystemExtensionRequestDelegate {
    let action: String
    let bundleID: String
    var exitCode: Int32?

    init(action: String, bundleID: String) {
        self.action = action
        self.bundleID = bundleID
    }

    func request(_ request: OSSystemExtensionRequest,
                 actionForReplacingExtension existing: OSSystemExtensionProperties,
                 withExtension ext: OSSystemExtensionProperties) -> OSSystemExtensionRequest.ReplacementAction {
        // Tonight's build replaces last night's, whatever their versions say.
        return .replace
    }

    func requestNeedsUserApproval(_ request: OSSystemExtensionRequest) {
        emit(["action": action, "bundle_id": bundleID, "result": "needs_approval",
              "message": "approve the extension in System Settings > Privacy & Security (or allow it by MDM)"])
        exitCode = 3
    }

    func request(_ request: OSSystemExtensionRequest, didFinishWithResult result: OSSystemExtensionRequest.Result) {
        emit(["action": action, "bundle_id": bundleID,
              "result": result == .completed ? "completed" : "will_complete_after_reboot"])
        exitCode = 0
    }

    func request(_ request: OSSystemExtensionRequest, didFailWithError error: Error) {
        let e = error as NSError
        emit(["action": action, "bundle_id": bundleID, "result": "failed", "domain": e.domain,
              "code": e.code, "message": e.localizedDescription])
        exitCode = 1
    }

    func request(_ request: OSSystemExtensionRequest, foundProperties properties: [OSSystemExtensionProperties]) {
        let found = properties.map { p -> [String: Any] in
            ["version": p.bundleVersion, "short_version": p.bundleShortVersion, "enabled": p.isEnabled,
             "awaiting_user_approval": p.isAwaitingUserApproval, "uninstalling": p.isUninstalling]
        }
        emit(["action": action, "bundle_id": bundleID, "result": "completed", "extensions": found])
        exitCode = 0
    }
}

func main() -> Int32 {
    let args = CommandLine.arguments.dropFirst()
    guard let action = args.first, ["activate", "deactivate", "report"].contains(action), args.count <= 2 else {
        FileHandle.standardError.write(Data("usage: HilDextHost activate|deactivate|report [BUNDLE_ID]\n".utf8))
        return 2
    }
    guard let bundleID = args.count == 2 ? args.last : embeddedDextID() else {
        FileHandle.standardError.write(Data("HilDextHost: no BUNDLE_ID given and not exactly one .dext in \(Bundle.main.bundleURL.path)/Contents/Library/SystemExtensions\n".utf8))
        return 2
    }
    let request: OSSystemExtensionRequest
    switch action {
    case "activate": request = .activationRequest(forExtensionWithIdentifier: bundleID, queue: .main)
    case "deactivate": request = .deactivationRequest(forExtensionWithIdentifier: bundleID, queue: .main)
    default:
        guard #available(macOS 12.0, *) else {
            FileHandle.standardError.write(Data("HilDextHost: report needs macOS 12 (OSSystemExtensionRequest.propertiesRequest)\n".utf8))
            return 2
        }
        request = .propertiesRequest(forExtensionWithIdentifier: bundleID, queue: .main)
    }
    let delegate = Delegate(action: action, bundleID: bundleID)
    request.delegate = delegate
    OSSystemExtensionManager.shared.submitRequest(request)
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while delegate.exitCode == nil && Date() < deadline {
        RunLoop.main.run(mode: .default, before: min(deadline, Date().addingTimeInterval(0.1)))
    }
    guard let code = delegate.exitCode else {
        emit(["action": action, "bundle_id": bundleID, "result": "timeout",
              "message": "no answer from sysextd to the \(action) request within \(Int(timeoutSeconds)) s"])
        return 1
    }
    return code
}

exit(main())
