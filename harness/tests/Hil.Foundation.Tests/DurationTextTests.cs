using Hil.Foundation;

namespace Hil.Foundation.Tests;

public sealed class DurationTextTests
{
    [TestCase(48_223, "48.2 µs")]
    [TestCase(2_912_255, "2.91 ms")]
    [TestCase(420, "420 ns")]
    [TestCase(1_240, "1.24 µs")]
    [TestCase(0, "0 ns")]
    [TestCase(0.5, "0.500 ns")]
    [TestCase(999.7, "1.00 µs")]
    [TestCase(999_949, "1.00 ms")]
    [TestCase(123_456_789, "123 ms")]
    [TestCase(1_500_000_000, "1.50 s")]
    [TestCase(1_240_000_000_000, "1,240 s")]
    [TestCase(-3_100, "-3.10 µs")]
    public void Three_significant_digits_in_the_unit_that_keeps_the_number_below_a_thousand(double ns, string expected) =>
        Assert.That(DurationText.Of(ns), Is.EqualTo(expected));

    [TestCase(1_000, "1 µs")]
    [TestCase(2_500_000, "2.5 ms")]
    [TestCase(100, "100 ns")]
    [TestCase(20_000, "20 µs")]
    public void Ticks_drop_trailing_zeros(double ns, string expected) =>
        Assert.That(DurationText.Tick(ns), Is.EqualTo(expected));

    [Test]
    public void What_is_not_a_number_says_so() =>
        Assert.That((DurationText.Of(double.NaN), DurationText.Of(double.PositiveInfinity)), Is.EqualTo(("n/a", "n/a")));
}
