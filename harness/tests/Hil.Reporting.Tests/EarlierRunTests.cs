using Hil.Reporting.Writing;

namespace Hil.Reporting.Tests;

public class EarlierRunTests
{
    [Test]
    public void AnEarlierRunsAllureFilesGoAndNothingElseDoes()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hil-earlier-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "keep-folder"));
        string[] allure = ["a1-result.json", "b2-container.json", "c3-attachment.txt", "environment.properties", "executor.json", "categories.json"];
        string[] other = ["notes.txt", Path.Combine("keep-folder", "x-result.json")];
        try
        {
            foreach (var name in allure.Concat(other))
            {
                File.WriteAllText(Path.Combine(dir, name), "{}");
            }

            EarlierRun.Clear(dir);

            Assert.Multiple(() =>
            {
                Assert.That(allure.Where(name => File.Exists(Path.Combine(dir, name))), Is.Empty);
                Assert.That(other.All(name => File.Exists(Path.Combine(dir, name))), Is.True);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void AFolderThatIsNotThereIsNothingToClear() =>
        Assert.DoesNotThrow(() => EarlierRun.Clear(Path.Combine(Path.GetTempPath(), $"hil-absent-{Guid.NewGuid():N}")));
}
