namespace Hil.UserClients.Probe;

/// <summary>Selectors of the probe dext's user-client method table (dext/PROTOCOL.md §4).</summary>
public static class ProbeSelectors
{
    public const uint OpenSession = 0;
    public const uint Configure = 1;
    public const uint StartBurst = 2;
    public const uint StopBurst = 3;
    public const uint InjectReport = 4;
    public const uint ReadCounters = 5;
    public const uint MapRecordRing = 6;
    public const uint SetFeatureReport = 7;
    public const uint GetFeatureReport = 8;
    public const uint RegisterCompletion = 9;
    public const uint DeliverMessage = 10;
    public const uint HandOverSharedRing = 11;
    public const uint MapSharedRing = 12;
    public const uint SetFault = 13;
    public const uint ResetCounters = 14;
    public const uint ReadLastReport = 15;

    /// <summary>The protocol version OpenSession presents.</summary>
    public const ulong ProtocolVersion = 1;
}

/// <summary>How Driver2 waits on the shared ring (Configure scalar 2).</summary>
public enum Doorbell
{
    Spin = 0,
    SpinThenWait = 1,
}

/// <summary>The doorbells' names as people type and read them (the CLI's --doorbell, JSON files).</summary>
public static class DoorbellNames
{
    public const string Spin = "spin";
    public const string SpinThenWait = "spin-then-wait";

    public static string Of(Doorbell doorbell) => doorbell == Doorbell.Spin ? Spin : SpinThenWait;

    /// <exception cref="ArgumentException">Not one of the names.</exception>
    public static Doorbell Parse(string name) => name switch
    {
        Spin => Doorbell.Spin,
        SpinThenWait => Doorbell.SpinThenWait,
        _ => throw new ArgumentException($"expected {Spin} or {SpinThenWait}, got '{name}'", nameof(name)),
    };
}

/// <summary>Which driver a user client is connected to (OpenSession scalar 0).</summary>
public enum ProbeRole
{
    Driver1 = 1,
    Driver2 = 2,
}

/// <summary>Faults the probe dext injects on request (SetFault, PROTOCOL.md §4).</summary>
public enum ProbeFault
{
    /// <summary>Clears every fault.</summary>
    None = 0,
    DropEveryNth = 1,
    DelayPerHopNs = 2,
    HangForMs = 3,
    CrashAfterMessages = 4,
    DuplicateEveryNth = 5,
}

/// <summary>Record flags (PROTOCOL.md §1).</summary>
[Flags]
#pragma warning disable CA1028 // the flags are a u32 on the wire
public enum RecordFlags : uint
#pragma warning restore CA1028
{
    None = 0,
    Injected = 1 << 0,
    Duplicate = 1 << 1,
    OutOfOrder = 1 << 2,
}

/// <summary>What OpenSession answered.</summary>
public readonly record struct ProbeSession(ProbeRole Role, int Pid, ulong InstanceId, bool OneProcessPeerPresent);

/// <summary>ReadCounters (selector 5), in the order the driver reports them.</summary>
public readonly record struct ProbeCounters(
    ulong Sent, ulong Delivered, ulong Dropped, ulong Duplicated, ulong OutOfOrder,
    ulong RingOverflow, bool BurstActive, ulong LastSeq);
