using Hil.UserClients.Probe;

namespace Hil.UserClients.Tests.Probe;

public sealed class DoorbellNamesTests
{
    [TestCase(Doorbell.Spin, "spin")]
    [TestCase(Doorbell.SpinThenWait, "spin-then-wait")]
    public void Each_doorbell_has_the_name_PROTOCOL_md_gives_it_and_reads_back(Doorbell doorbell, string name)
    {
        Assert.That(DoorbellNames.Of(doorbell), Is.EqualTo(name));
        Assert.That(DoorbellNames.Parse(name), Is.EqualTo(doorbell));
    }

    [Test]
    public void An_unknown_name_is_refused_naming_the_two_it_expected()
    {
        var e = Assert.Throws<ArgumentException>(() => DoorbellNames.Parse("futex"));
        Assert.That(e!.Message, Does.Contain("spin or spin-then-wait").And.Contain("'futex'"));
    }
}
