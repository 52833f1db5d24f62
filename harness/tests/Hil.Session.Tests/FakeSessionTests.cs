using Hil.Rigs;
using Hil.Session.Tests.Helper;

namespace Hil.Session.Tests;

/// <summary>
/// Base of the tests that open sessions on fake parts: each test gets its own lock directory
/// (<see cref="Locks"/>, removed after it) and a fresh <see cref="FakeParts"/>.
/// </summary>
public abstract class FakeSessionTests
{
    internal TempDir Locks { get; private set; } = null!;

    public FakeParts Parts { get; private set; } = null!;

    [SetUp]
    public void NewLockDirectoryAndParts() => (Locks, Parts) = (TestRigs.NewDir(), new FakeParts());

    [TearDown]
    public void RemoveLockDirectory() => Locks.Dispose();

    /// <summary>A session on <paramref name="rig"/> (default the full unit rig) over <see cref="Parts"/>, with the test options, tuned.</summary>
    public Task<RigSession> OpenAsync(
        CancellationToken ct, RigSpec? rig = null, Func<RigSessionOptions, RigSessionOptions>? tune = null, FakeParts? parts = null)
    {
        var options = TestRigs.Options(Locks);
        return RigSession.OpenAsync(rig ?? TestRigs.Full(), parts ?? Parts, tune?.Invoke(options) ?? options, ct);
    }

    /// <summary>Another session on the unit rig opens at once: the last one released the lock.</summary>
    public async Task AssertLockIsFreeAsync(CancellationToken ct)
    {
        await using var next = await OpenAsync(ct, parts: new FakeParts());
        Assert.That(File.Exists(next.LockPath), Is.True);
    }
}
