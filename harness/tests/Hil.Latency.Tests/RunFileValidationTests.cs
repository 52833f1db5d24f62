using System.Text.Json.Nodes;
using Hil.Foundation;
using Hil.Latency.Files;

namespace Hil.Latency.Tests;

/// <summary>A measurement file is input anyone can edit: every bad field is an input error naming the file and the field, never a crash later.</summary>
public sealed class RunFileValidationTests : TempFolderTest
{
    private static readonly LatencyRun Run = Synthetic.Run(Synthetic.LogNormal(300, 40_000, 0.3, 1), analyse: true)
        with { Floor = new FloorFigures("shm-spin", 100, 300, 900, 1200), InjectedDelay = new InjectedDelay(20, 9000, "test") };

    [TestCase("floor.primitive", "$.floor.primitive")]
    [TestCase("accounting", "field 'accounting' is missing or null")]
    [TestCase("histogram.data", "$.histogram.data")]
    [TestCase("rig", "field 'rig' is missing or empty")]
    public void A_null_field_is_refused_naming_it(string path, string expected) =>
        Assert.That(Refusal(Edit(path, null)), Does.StartWith("cur.json: ").And.Contain(expected));

    [TestCase("warnings")]
    [TestCase("harrell_davis")]
    public void A_null_in_a_list_is_refused_naming_its_index(string list)
    {
        var json = JsonNode.Parse(LatencyRunFile.ToJson(Run))!;
        json[list]!.AsArray().Add(null);
        Assert.That(Refusal(json.ToJsonString()), Does.Contain($"field '{list}["));
    }

    [TestCase("accounting.lost", -1, "field 'accounting.lost' is -1")]
    [TestCase("samples", -5, "field 'samples' is -5")]
    [TestCase("floor.p99_ns", -900, "field 'floor.p99_ns' is -900")]
    [TestCase("subsample.size", -1, "field 'subsample.size' is -1")]
    public void A_negative_count_is_refused(string path, long value, string expected) =>
        Assert.That(Refusal(Edit(path, value)), Does.Contain(expected).And.Contain("0 or more"));

    [Test]
    public void Messages_that_do_not_add_up_are_refused()
    {
        var sent = Run.Accounting.Sent;
        Assert.That(Refusal(Edit("accounting.sent", sent + 7)), Does.Contain("field 'accounting'").And.Contain("sent = received + lost"));
    }

    [TestCase("\"mean_ns\": ", "NaN")]
    [TestCase("\"sent\": ", "1e999")]
    [TestCase("\"sent\": ", "99999999999999999999999")]
    [TestCase("\"percent\": ", "1e999")]
    public void A_number_that_is_not_finite_or_does_not_fit_is_refused_naming_the_line(string field, string value)
    {
        var text = LatencyRunFile.ToJson(Run);
        var at = text.IndexOf(field, StringComparison.Ordinal) + field.Length;
        var end = text.IndexOfAny([',', '\n'], at);
        Assert.That(Refusal(text[..at] + value + text[end..]), Does.StartWith("cur.json: ").And.Match("line [0-9]+|expected a finite number"));
    }

    [Test]
    public void A_negative_figure_is_refused() =>
        Assert.That(Refusal(Edit("harrell_davis[0].estimate_ns", -3.5)), Does.Contain("field 'harrell_davis[0].estimate_ns' is -3.5; expected a finite number"));

    [Test]
    public void Truncated_json_names_the_line()
    {
        var text = LatencyRunFile.ToJson(Run);
        Assert.That(Refusal(text[..(text.Length / 2)]), Does.StartWith("cur.json: not a measurement file: line"));
    }

    [Test]
    public void A_directory_given_as_the_file_is_refused()
    {
        var e = Assert.Throws<InputException>(() => LatencyRunFile.Read(Dir));
        Assert.That(e!.Message, Is.EqualTo($"{Dir}: is a directory; expected a measurement file (from `hil latency --out`)"));
    }

    [Test]
    public void A_valid_file_still_reads_back()
    {
        var path = Path.Combine(Dir, "ok.json");
        LatencyRunFile.Write(path, Run);
        Assert.That(LatencyRunFile.Read(path).Summary, Is.EqualTo(Run.Summary));
    }

    private static string Refusal(string json) =>
        Assert.Throws<InputException>(() => LatencyRunFile.FromJson(json, "cur.json"))!.Message;

    /// <summary>The file with the field at a dotted path (an [i] picks a list item) set to <paramref name="value"/>.</summary>
    private static string Edit(string path, object? value)
    {
        var root = JsonNode.Parse(LatencyRunFile.ToJson(Run))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, Step);
        parent[parts[^1]] = value is null ? null : JsonValue.Create(value);
        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }
}
