using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>
/// Allure's test plan (<c>testplan.json</c>, named by <c>ALLURE_TESTPLAN_PATH</c>): run only the
/// listed tests, as Allure.NUnit does (AllureNUnitHelper.PrepareTestContext with
/// Allure.Net.Commons' AllureTestPlan): a test is selected when the plan lists none, or its
/// <c>selector</c> is the test's fullName, or its <c>id</c> is the test's ALLURE_ID. A test left
/// out is ignored with <see cref="SkipReason"/> and writes no result. Allure's own fullNames start
/// with <c>Assembly:</c>; ours do not, so a selector in either form matches. As in Allure, an
/// unset variable or a missing file means no plan; a file that is not a plan is the caller's error.
/// </summary>
internal sealed class TestPlan
{
    public const string Variable = "ALLURE_TESTPLAN_PATH";

    public const string SkipReason = "not in the test plan (ALLURE_TESTPLAN_PATH)";

    public static readonly TestPlan Everything = new([], []);

    private readonly HashSet<string> _selectors;
    private readonly HashSet<string> _ids;

    private TestPlan(IEnumerable<string> selectors, IEnumerable<string> ids)
    {
        _selectors = new HashSet<string>(selectors, StringComparer.Ordinal);
        _ids = new HashSet<string>(ids, StringComparer.Ordinal);
    }

    public static TestPlan FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && File.Exists(path) ? Read(path) : Everything;

    public static TestPlan Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("tests", out var tests) || tests.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"{path}: expected an Allure test plan {{\"version\": \"1.0\", \"tests\": [{{\"id\": …, \"selector\": …}}]}}; found no \"tests\" array ({Variable})");
            }

            var entries = tests.EnumerateArray().Select((e, i) => Entry(path, i, e)).ToList();
            return new TestPlan(entries.Select(e => e.Selector).OfType<string>(), entries.Select(e => e.Id).OfType<string>());
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}: not JSON, expected an Allure test plan ({Variable}): {ex.Message}");
        }
    }

    public bool Selects(TestFacts facts)
    {
        if (_selectors.Count == 0 && _ids.Count == 0)
        {
            return true;
        }

        var assembly = facts.TitlePath.Count > 0 ? facts.TitlePath[0] : "";
        var id = facts.Labels.FirstOrDefault(l => l.Name == AllureLabels.AllureId.Name)?.Value;
        return _selectors.Contains(facts.FullName)
            || _selectors.Contains($"{assembly}:{facts.FullName}")
            || (id is not null && _ids.Contains(id));
    }

    private static (string? Id, string? Selector) Entry(string path, int index, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"{path}: tests[{index}]: expected an object with \"id\" and/or \"selector\", found {entry.ValueKind}");
        }

        return (Text(entry, "id"), Text(entry, "selector"));
    }

    // Allure TestOps writes ids as strings; a number is read as its text.
    private static string? Text(JsonElement entry, string name) =>
        !entry.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;
}
