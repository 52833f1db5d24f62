using System.Text.Json.Nodes;
using Hil.Reporting.Model;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Tests;

/// <summary>A result a SIGKILL left at stage running is healed into an interrupted one with a stop; finished ones are left alone.</summary>
public sealed class StaleResultsTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("hil-stale-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_result_left_running_becomes_interrupted_with_a_stop_and_its_open_step_ends_too()
    {
        var running = Write(AllureStage.Running, AllureStatus.Broken, withOpenStep: true);
        var finished = Write(AllureStage.Finished, AllureStatus.Passed, withOpenStep: false);
        var before = File.ReadAllText(finished);

        var healed = StaleResults.Heal(_dir, "the test process ended before this test finished (killed?)");

        Assert.That(healed, Is.EqualTo(new[] { running }));
        var result = JsonNode.Parse(File.ReadAllText(running))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)result["stage"], Is.EqualTo("interrupted"));
            Assert.That((string?)result["status"], Is.EqualTo("broken"));
            Assert.That((string?)result["statusDetails"]!["message"], Is.EqualTo("[infrastructure-fault] interrupted: the test process ended before this test finished (killed?)"));
            Assert.That((long)result["stop"]!, Is.GreaterThanOrEqualTo((long)result["start"]!));
            Assert.That((string?)result["steps"]![0]!["stage"], Is.EqualTo("interrupted"));
        });
        Assert.That(File.ReadAllText(finished), Is.EqualTo(before));
        Assert.That(StaleResults.Heal(_dir, "again"), Is.Empty, "healing twice changes nothing");
    }

    [Test]
    public void A_missing_folder_or_an_unreadable_file_is_left_to_the_report_step()
    {
        File.WriteAllText(Path.Combine(_dir, "broken-result.json"), "{ not json");

        Assert.That(StaleResults.Heal(Path.Combine(_dir, "none"), "r"), Is.Empty);
        Assert.That(StaleResults.Heal(_dir, "r"), Is.Empty);
    }

    private string Write(AllureStage stage, AllureStatus status, bool withOpenStep)
    {
        var uuid = Guid.NewGuid().ToString("N");
        var result = new AllureTestResult
        {
            Uuid = uuid, HistoryId = "h", TestCaseId = "t", FullName = $"Fixtures.Test{uuid}", Name = "Test", Stage = stage, Status = status,
            Start = 1_700_000_000_000, Stop = stage == AllureStage.Running ? null : 1_700_000_001_000,
        };
        if (withOpenStep)
        {
            result.Steps.Add(new AllureStep { Name = "measure", Start = 1_700_000_000_100 });
        }

        var path = Path.Combine(_dir, $"{uuid}-result.json");
        File.WriteAllText(path, AllureJson.Serialize(result));
        return path;
    }
}
