using Hil.Dext;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>Stderr of one sim host process, kept after it exits (a report attachment).</summary>
public sealed record SimHostLog(int ProcessId, string ServerName, string Path);

/// <summary>
/// A sim host that died without being asked to, and what the sim kernel did about it: like
/// macOS after a dext crash, every instance it hosted was removed and matched again, so
/// <see cref="Rematched"/> shows where they run now (new pids; a personality with
/// IOUserServerOneProcess may instead join another running server of the same name).
/// </summary>
public sealed record SimHostCrash(
    int ProcessId,
    string ServerName,
    int? ExitCode,
    string LogPath,
    long DetectedNs,
    IReadOnlyList<DriverInstance> Lost,
    IReadOnlyList<DriverInstance> Rematched);

/// <summary>Where the sim kernel keeps its files; defaults are under the temp directory.</summary>
public sealed record SimKernelOptions
{
    /// <summary>hil-simhost to run; null = $HIL_SIMHOST, else the build tree (<see cref="Hil.Foundation.NativeBinary.SimHost"/>).</summary>
    public string? SimHostPath { get; init; }

    /// <summary>Directory for the instances' sockets (short: a Unix socket path has ~100 bytes); removed on deactivate.</summary>
    public string? SocketDirectory { get; init; }

    /// <summary>Directory for the hosts' stderr logs; kept for reports. Null: <see cref="SimLogFolder"/> decides.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>How long a host gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// A place for one driver instance: a personality, and for a device personality the device it matched and
/// which attachment of it (the bus counts them from 1): a device that detached and came back is a new
/// provider, so its drivers are new instances, as IOKit terminates the old ones and matches the new one.
/// </summary>
internal sealed record SimSlot(DextPersonality Personality, DeviceSpec? Device, int Attachment = 1)
{
    public string Key => Device is null ? Personality.Name
        : Attachment <= 1 ? $"{Personality.Name}@{Device.Name}" : $"{Personality.Name}@{Device.Name}#{Attachment}";
}

internal sealed record SimInstance(SimSlot Slot, string Id, SimHostProcess Host, string Endpoint)
{
    public DriverInstance ToDriverInstance() => new(
        Slot.Personality.Role, Id, Slot.Personality.Name, Host.Pid, Host.ServerName, Endpoint,
        Slot.Personality.OneProcessKeyPresent, Slot.Device?.Name);
}
