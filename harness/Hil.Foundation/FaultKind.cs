namespace Hil.Foundation;

/// <summary>
/// Who is to blame for a failure. Reports keep these apart so a rig that lost a relay is
/// never read as a driver defect (Allure categories, exit codes, gate verdicts).
/// </summary>
public enum FaultKind
{
    /// <summary>The driver under test misbehaved: wrong data, wrong IOReturn, lost messages.</summary>
    ProductDefect,

    /// <summary>Latency moved past the gate's threshold with statistical significance.</summary>
    LatencyRegression,

    /// <summary>The rig failed: relay board gone or garbled, device never enumerated, lock held.</summary>
    RigFault,

    /// <summary>The host or CI failed: missing tool, disk, a process that would not start.</summary>
    InfrastructureFault,

    /// <summary>The harness itself is wrong: a bug, or code calling it the wrong way.</summary>
    HarnessError,

    /// <summary>The user's input was wrong: a rig-file typo, a missing baseline, a bad option. Neither the harness's nor the product's fault.</summary>
    InputError,
}
