using System.CommandLine;
using Hil.Cli.Commands;

namespace Hil.Cli.Tests;

/// <summary>
/// Every numeric option of every verb, found by walking the real command tree, refuses NaN,
/// infinities and out-of-range values at parse time naming itself: an option added later
/// without <see cref="NumberOptions"/> fails here.
/// </summary>
public sealed class NumberOptionsTests
{
    private static readonly Type[] Numeric = [typeof(int), typeof(long), typeof(double), typeof(int?), typeof(long?), typeof(double?)];

    [Test]
    public void The_walk_finds_the_numeric_options_it_must_guard() =>
        Assert.That(
            NumericOptions().Select(o => o.Option.Name).Distinct(),
            Is.SupersetOf(new[] { "--alpha", "--threshold", "--samples", "--rate", "--warmup", "--inject-delay", "--repeat", "--cap", "--channels" }));

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_number_is_a_parse_error_naming_the_option(string[] path, string option, string value)
    {
        var parsed = Root().Parse([.. path, option, value]);
        Assert.That(parsed.Errors.Select(e => e.Message), Has.Some.Contains(option), $"{string.Join(' ', path)} {option} {value}");
    }

    [Test]
    public void A_range_error_says_what_range_was_expected()
    {
        var parsed = Root().Parse(["gate", "--baseline", "b", "--current", "c", "--alpha", "NaN"]);
        Assert.That(parsed.Errors.Select(e => e.Message), Is.EqualTo(new[] { "--alpha NaN: expected a finite number greater than 0 and less than 1" }));
    }

    [TestCase("0.005")]
    [TestCase("0.2")]
    public void A_good_number_parses(string alpha)
    {
        var parsed = Root().Parse(["gate", "--baseline", "b", "--current", "c", "--alpha", alpha]);
        Assert.That(parsed.Errors, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task The_gate_with_a_nan_alpha_exits_2_before_reading_anything(CancellationToken ct) =>
        Assert.That(await CliInvocation.InvokeAsync(Root(), ["gate", "--baseline", "b", "--current", "c", "--alpha", "NaN"]), Is.EqualTo(CliInvocation.UsageOrRigError));

    [TestCase(0.0, false, 0.0, false, 0.0, true)]
    [TestCase(0.0, true, 1.0, false, 0.0, false)]
    [TestCase(0.0, true, 1.0, true, 1.0, false)]
    [TestCase(0.0, false, 1.0, false, double.NaN, false)]
    [TestCase(0.0, false, 1.0, false, double.PositiveInfinity, false)]
    [TestCase(double.NegativeInfinity, false, double.PositiveInfinity, false, double.NaN, false)]
    public void A_range_contains_only_numbers_inside_it(double min, bool minExclusive, double max, bool maxExclusive, double value, bool inside) =>
        Assert.That(new NumberRange<double>(min, max, minExclusive, maxExclusive).Contains(value), Is.EqualTo(inside));

    private static IEnumerable<TestCaseData> BadValues()
    {
        foreach (var (path, option) in NumericOptions())
        {
            var floating = option.ValueType == typeof(double) || option.ValueType == typeof(double?);
            string[] values = floating
                ? ["NaN", "Infinity", "-Infinity", "-1", "1e300"]
                : ["-1", "9223372036854775807", "NaN"];
            foreach (var value in values)
            {
                yield return new TestCaseData(path, option.Name, value).SetArgDisplayNames(string.Join('-', path), option.Name, value);
            }
        }
    }

    private static IEnumerable<(string[] Path, Option Option)> NumericOptions()
    {
        var queue = new Queue<(string[], Command)>(Root().Subcommands.Select(c => (new[] { c.Name }, c)));
        while (queue.TryDequeue(out var item))
        {
            var (path, command) = item;
            foreach (var option in command.Options.Where(o => Numeric.Contains(o.ValueType)))
            {
                yield return (path, option);
            }

            foreach (var sub in command.Subcommands)
            {
                queue.Enqueue(([.. path, sub.Name], sub));
            }
        }
    }

    private static RootCommand Root()
    {
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
