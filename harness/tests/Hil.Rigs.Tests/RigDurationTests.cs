namespace Hil.Rigs.Tests;

public sealed class RigDurationTests
{
    [TestCase("250us", 0.25)]
    [TestCase("150ms", 150)]
    [TestCase("5s", 5000)]
    [TestCase("1.5s", 1500)]
    [TestCase("1m", 60000)]
    [TestCase("1h", 3600000)]
    [TestCase("0ms", 0)]
    [TestCase("24h", 86400000)]
    public void A_number_with_a_unit_parses(string text, double milliseconds)
    {
        Assert.That(RigDuration.TryParse(text, out var value), Is.True);
        Assert.That(value.TotalMilliseconds, Is.EqualTo(milliseconds));
    }

    [TestCase("5")]
    [TestCase("-5s")]
    [TestCase("5 s")]
    [TestCase("5sec")]
    [TestCase("s")]
    [TestCase("")]
    [TestCase("99999999999999h")]
    [TestCase("2000h")]
    [TestCase("24.001h")]
    [TestCase("1441m")]
    public void Anything_else_is_refused(string text) => Assert.That(RigDuration.TryParse(text, out _), Is.False);

    [TestCase("250us")]
    [TestCase("150ms")]
    [TestCase("5s")]
    [TestCase("1500ms")]
    [TestCase("2m")]
    [TestCase("1h")]
    [TestCase("0s")]
    public void A_parsed_duration_formats_back_as_written(string text)
    {
        Assert.That(RigDuration.TryParse(text, out var value), Is.True);
        Assert.That(RigDuration.Format(value), Is.EqualTo(text));
    }
}
