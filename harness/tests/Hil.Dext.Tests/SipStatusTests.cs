using Hil.Dext.MacOS;
using Hil.Foundation;

namespace Hil.Dext.Tests;

/// <summary>`csrutil status` in its old (10.11) and new (12+) wordings, from real captures (Samples/SOURCE.md).</summary>
public sealed class SipStatusTests
{
    [Test]
    public void Fully_enabled_allows_no_developer_tools()
    {
        var sip = SipStatus.Parse(TestFiles.ReadSample("csrutil-status-enabled.txt"));
        Assert.That((sip.State, sip.AllowsDeveloperTools, sip.Flags.Count), Is.EqualTo((SipState.Enabled, false, 0)));
    }

    [Test]
    public void The_old_custom_wording_with_kext_signing_off_allows_them()
    {
        var sip = SipStatus.Parse(TestFiles.ReadSample("csrutil-status-custom-10.11.txt"));
        Assert.That(sip.State, Is.EqualTo(SipState.Custom));
        Assert.That(sip.Flags, Has.Count.EqualTo(6));
        Assert.That(sip.Flags["Kext Signing"], Is.False);
        Assert.That(sip.AllowsDeveloperTools, Is.True);
    }

    [Test]
    public void The_new_unknown_wording_with_kext_signing_on_does_not()
    {
        var sip = SipStatus.Parse(TestFiles.ReadSample("csrutil-status-unknown-12.txt"));
        Assert.That(sip.State, Is.EqualTo(SipState.Custom));
        Assert.That(sip.Flags, Has.Count.EqualTo(10));
        Assert.That((sip.Flags["Kext Signing"], sip.Flags["Authenticated Root Requirement"], sip.Flags["NVRAM Protections"]), Is.EqualTo((true, true, false)));
        Assert.That(sip.AllowsDeveloperTools, Is.False);
    }

    [Test]
    public void Disabled_allows_them()
    {
        var sip = SipStatus.Parse("System Integrity Protection status: disabled.\n");
        Assert.That((sip.State, sip.AllowsDeveloperTools), Is.EqualTo((SipState.Disabled, true)));
    }

    [TestCase("csrutil: command not found\n", "csrutil status: no 'System Integrity Protection status:' line; got: csrutil: command not found")]
    [TestCase("System Integrity Protection status: sideways.\n", "expected 'System Integrity Protection status: enabled|disabled|unknown")]
    [TestCase("System Integrity Protection status: unknown.\n", "'unknown' comes only with (Custom Configuration)")]
    public void Other_output_is_an_error_that_quotes_it(string output, string expected)
    {
        Assert.That(() => SipStatus.Parse(output), Throws.TypeOf<InputException>().With.Message.Contains(expected));
    }
}
