using Hil.Reporting.Model;
using Hil.Reporting.Samples;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Tests;

/// <summary>History lines up across runs: identity follows allure.md §1.8.</summary>
public class IdentityTests
{
    [Test]
    public void TwoRunsGiveNewUuidsButTheSameTestCaseAndHistoryIds()
    {
        using var first = new SampleRunner();
        using var second = new SampleRunner();
        first.Run(typeof(Stepped), typeof(Faults));
        second.Run(typeof(Stepped), typeof(Faults));

        static Dictionary<string, (string? Uuid, string? TestCase, string? History)> Ids(SampleRunner run) =>
            run.Results().ToDictionary(r => (string)r["name"]!, r => ((string?)r["uuid"], (string?)r["testCaseId"], (string?)r["historyId"]));
        var a = Ids(first);
        var b = Ids(second);
        Assert.That(b.Keys, Is.EquivalentTo(a.Keys));
        Assert.Multiple(() =>
        {
            foreach (var name in a.Keys)
            {
                Assert.That(b[name].Uuid, Is.Not.EqualTo(a[name].Uuid), name);
                Assert.That(b[name].TestCase, Is.EqualTo(a[name].TestCase), name);
                Assert.That(b[name].History, Is.EqualTo(a[name].History), name);
            }
        });
    }

    [Test]
    public void TestCaseIdIsMd5OfFullNameAndHistoryIdIsComputedTheWayAllure3Does()
    {
        const string fullName = "Hil.Fixtures.Latency.OneWay(System.String)";
        var testCaseId = TestIdentity.TestCaseId(fullName);
        var parameters = new[]
        {
            new AllureParameter { Name = "topology", Value = "app-relay" },
            new AllureParameter { Name = "port", Value = "/dev/ttyACM0", Excluded = true },
            new AllureParameter { Name = "burst", Value = "64" },
        };

        Assert.Multiple(() =>
        {
            Assert.That(testCaseId, Is.EqualTo(TestIdentity.Md5(fullName)).And.Length.EqualTo(32));
            // Allure 3 convert.ts: md5(testCaseId) + "." + md5("name:value,…") over non-excluded params sorted by name.
            Assert.That(TestIdentity.HistoryId(testCaseId, parameters),
                Is.EqualTo($"{TestIdentity.Md5(testCaseId)}.{TestIdentity.Md5("burst:64,topology:app-relay")}"));
        });
    }

    [Test]
    public void AnExcludedParameterDoesNotChangeTheHistoryIdButAnIncludedOneDoes()
    {
        var id = TestIdentity.TestCaseId("X.Y()");
        AllureParameter Port(string value, bool excluded) => new() { Name = "port", Value = value, Excluded = excluded };

        Assert.Multiple(() =>
        {
            Assert.That(TestIdentity.HistoryId(id, [Port("4000", true)]), Is.EqualTo(TestIdentity.HistoryId(id, [Port("4711", true)])));
            Assert.That(TestIdentity.HistoryId(id, [Port("4000", false)]), Is.Not.EqualTo(TestIdentity.HistoryId(id, [Port("4711", false)])));
        });
    }

    [Test]
    public void ParameterizedVariantsShareTheTestCaseButNotTheHistory()
    {
        using var run = new SampleRunner();
        run.Run(typeof(RigGone));
        var variants = run.Results().Where(r => ((string?)r["name"])!.StartsWith("Latency", StringComparison.Ordinal)).ToList();

        Assert.That(variants, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That((string?)variants[0]["testCaseId"], Is.EqualTo((string?)variants[1]["testCaseId"]));
            Assert.That((string?)variants[0]["historyId"], Is.Not.EqualTo((string?)variants[1]["historyId"]));
        });
    }
}
