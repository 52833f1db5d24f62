using Hil.Foundation;
using Hil.Reporting.Model;
using Hil.Reporting.Quarantine;
using Hil.Reporting.Writing;
using Hil.TestSupport;

namespace Hil.Reporting.Tests;

public class QuarantineTests : TempFolderTest
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private string File_(string yaml)
    {
        var path = Path.Combine(Dir, "quarantine.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Test]
    public void An_entry_is_read_with_owner_reason_expiry_and_its_line()
    {
        var path = File_("# header\nquarantine:\n  - test: A.B.C\n    owner: alice\n    reason: sticky relay\n    expires: 2026-12-02\n");
        var entry = QuarantineFile.Load(path, Today).Single();
        Assert.Multiple(() =>
        {
            Assert.That((entry.Test, entry.Owner, entry.Reason, entry.Expires), Is.EqualTo(("A.B.C", "alice", "sticky relay", Today)));
            Assert.That(entry.Where, Is.EqualTo($"{path}:3"));
            Assert.That(entry.Covers("A.B.C(System.String)"), Is.True);
            Assert.That(entry.Covers("A.B.CD"), Is.False);
        });
    }

    [Test]
    public void The_committed_file_is_valid_and_quarantines_nothing() =>
        Assert.That(QuarantineFile.Load(Path.Combine(RepositoryRoot.Find(), "reports", "quarantine.yaml"), Today), Is.Empty);

    [TestCase("quarantine:\n  - test: A.B.C\n    owner: alice\n    reason: r\n    expires: 2026-12-01\n", ":2: the quarantine of A.B.C (owner alice) expired on 2026-12-01")]
    [TestCase("quarantine:\n  - test: A.B.C\n    owner: alice\n    reason: r\n    expires: next week\n", ":5: expires: expected a date like 2027-01-31, got 'next week'")]
    [TestCase("quarantine:\n  - test: A.B.C\n    reason: r\n    expires: 2027-01-01\n", ":2: owner: missing")]
    [TestCase("quarantine:\n  - test: A.B.C\n    owner: a\n    reason: r\n    expires: 2027-01-01\n    until: x\n", ":6: unknown key until")]
    [TestCase("quarantined: []\n", ":1: expected exactly one key, quarantine")]
    public void A_bad_or_expired_entry_fails_naming_its_line(string yaml, string expected)
    {
        var path = File_(yaml);
        var error = Assert.Throws<InputException>(() => QuarantineFile.Load(path, Today));
        Assert.That(error!.Message, Does.StartWith(path).And.Contain(expected));
    }

    [Test]
    public void A_quarantined_failure_is_marked_and_an_unlisted_one_is_not()
    {
        var writer = new ResultsWriter(Dir);
        writer.Write(Result("A.B.C(System.String)", AllureStatus.Failed));
        writer.Write(Result("A.B.D", AllureStatus.Failed));
        writer.Write(Result("A.B.E", AllureStatus.Passed));
        var entry = new QuarantineEntry("A.B.C", "alice", "sticky relay", Today, "q.yaml:2");
        Assert.That(QuarantineMarks.Apply(Dir, [entry]), Is.EqualTo(new[] { "A.B.C(System.String)" }));

        var results = AllureResults.Read(Dir).ToDictionary(r => r.FullName);
        var marked = results["A.B.C(System.String)"];
        Assert.Multiple(() =>
        {
            Assert.That(QuarantineMarks.IsQuarantined(marked), Is.True);
            Assert.That(marked.LabelValue("owner"), Is.EqualTo("alice"));
            Assert.That(marked.StatusDetails!.Message, Does.StartWith("[quarantined until 2026-12-02, owner alice: sticky relay] [product-defect]"));
            Assert.That(marked.Status, Is.EqualTo(AllureStatus.Failed), "the failure stays a failure in the report");
            Assert.That(QuarantineMarks.IsQuarantined(results["A.B.D"]), Is.False);
        });
    }

    [Test]
    public void Flakiness_counts_flips_between_pass_and_fail_over_history_and_this_run()
    {
        var history = Path.Combine(Dir, "history.jsonl");
        File.WriteAllLines(history, new[] { "passed", "failed", "passed" }.Select(s =>
            "{\"uuid\":\"u\",\"testResults\":{\"h1\":{\"fullName\":\"A.Flaky\",\"status\":\"" + s
            + "\"},\"h2\":{\"fullName\":\"A.Steady\",\"status\":\"passed\"}}}"));
        var now = Result("A.Flaky", AllureStatus.Failed);
        now.HistoryId = "h1";
        var flaky = Flakiness.Of(history, [now]);
        Assert.That(flaky.Select(f => f.ToString()), Is.EqualTo(new[] { "A.Flaky: flipped 3 times in 4 runs (100%)" }));
    }

    private static AllureTestResult Result(string fullName, AllureStatus status) => new()
    {
        Uuid = ResultsWriter.NewUuid(),
        HistoryId = fullName,
        TestCaseId = fullName,
        FullName = fullName,
        Name = fullName,
        Status = status,
        StatusDetails = status == AllureStatus.Passed ? null : new AllureStatusDetails { Message = "[product-defect] wrong report" },
    };
}
