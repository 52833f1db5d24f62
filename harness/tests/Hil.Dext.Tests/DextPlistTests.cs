using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Dext.Tests;

public sealed class DextPlistTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0"><dict><key>IOKitPersonalities</key><dict>
        """;

    private const string Tail = "</dict></dict></plist>";

    [Test]
    public void ReadsEveryPersonalityInFileOrder()
    {
        var plist = DextPlist.Load(TestFiles.Fixture("hilprobe-Info.plist"));

        Assert.That(plist.BundleIdentifier, Is.EqualTo("com.example.hilprobe"));
        Assert.That(plist.BundleVersion, Is.EqualTo("7"));
        Assert.That(plist.Personalities.Select(p => p.Name), Is.EqualTo(new[]
        {
            "HilProbeRootOneProcess", "HilProbeDriver1OneProcess", "HilProbeRootSeparate", "HilProbeDriver1Separate",
        }));
    }

    [Test]
    public void ReadsTheKeysMatchingAndLayoutNeed()
    {
        var plist = DextPlist.Load(TestFiles.Fixture("hilprobe-Info.plist"));
        var root = plist.Personalities[0];
        var separate = plist.Personalities[3];

        Assert.That(root.IsRoot, Is.True);
        Assert.That(root.Role, Is.EqualTo(DriverRole.Driver2));
        Assert.That(root.IOResourceMatch, Is.EqualTo("IOKit"));
        Assert.That(root.IOMatchCategory, Is.EqualTo("com.example.hilprobe.root.oneprocess"));
        Assert.That(root.OneProcessKeyPresent, Is.True);
        Assert.That(separate.IsRoot, Is.False);
        Assert.That(separate.Role, Is.EqualTo(DriverRole.Driver1));
        Assert.That(separate.OneProcessKeyPresent, Is.False);
        Assert.That(separate.IOClass, Is.EqualTo("AppleUserHIDEventService"));
        Assert.That(separate.IOProviderClass, Is.EqualTo("IOHIDInterface"));
        Assert.That((separate.VendorId, separate.ProductId), Is.EqualTo(((ushort?)0x1209, (ushort?)2)), "0x-hex integer read");
    }

    [Test]
    public void DevicePersonalitiesMatchOnVendorAndProduct()
    {
        var plist = DextPlist.Load(TestFiles.Fixture("hilprobe-Info.plist"));
        var a = new UsbIdentity(0x1209, 0x0001, "HIL-A");

        Assert.That(plist.Personalities.Where(p => p.MatchesDevice(a)).Select(p => p.Name),
            Is.EqualTo(new[] { "HilProbeDriver1OneProcess" }));
        Assert.That(plist.Personalities.Any(p => p.MatchesDevice(new UsbIdentity(0x1209, 0x0009, null))), Is.False);
    }

    [Test]
    public void OneProcessKeyCountsByPresenceNotValue()
    {
        var plist = DextPlist.Parse(Head + Personality("P", "<key>IOUserServerOneProcess</key><false/>") + Tail, "mem.plist");

        Assert.That(plist.Personalities[0].OneProcessKeyPresent, Is.True, "xnu reads propertyExists, so <false/> still asks to share");
    }

    [Test]
    public void MissingRoleNamesPathPersonalityAndKey()
    {
        var xml = Head + Personality("NoRole", "").Replace("<key>HILRole</key><string>driver1</string>", "", StringComparison.Ordinal) + Tail;

        var e = Assert.Throws<InputException>(() => DextPlist.Parse(xml, "dext/Info.plist"));

        Assert.That(e!.Message, Does.StartWith("dext/Info.plist:").And.Contain("IOKitPersonalities/NoRole").And.Contain("'HILRole'"));
    }

    [Test]
    public void UnknownRoleSaysWhatWasExpected()
    {
        var xml = Head + Personality("Bad", "").Replace(">driver1<", ">driver3<", StringComparison.Ordinal) + Tail;

        var e = Assert.Throws<InputException>(() => DextPlist.Parse(xml, "x.plist"));

        Assert.That(e!.Message, Does.Contain("'driver3'").And.Contain("expected 'driver1' or 'driver2'"));
    }

    [Test]
    public void WrongValueTypeNamesKeyAndLine()
    {
        var xml = Head + Personality("Typed", "<key>VendorID</key><string>0x1209</string>") + Tail;

        var e = Assert.Throws<InputException>(() => DextPlist.Parse(xml, "x.plist"));

        Assert.That(e!.Message, Does.Match(@"^x\.plist:\d+: IOKitPersonalities/Typed: key 'VendorID' must be an integer, found string$"));
    }

    [Test]
    public void OutOfRangeProductIdIsRefused()
    {
        var xml = Head + Personality("Big", "<key>ProductID</key><integer>70000</integer>") + Tail;

        Assert.That(() => DextPlist.Parse(xml, "x.plist"),
            Throws.TypeOf<InputException>().With.Message.Contain("'ProductID' is 70000, expected 0..65535"));
    }

    [TestCase("<plist><dict><key>CFBundleIdentifier</key><string>a.b.c</string></dict></plist>", "p.plist",
        @"^p\.plist:1: key 'IOKitPersonalities' is missing$", TestName = "A missing personalities dict is named")]
    [TestCase("<plist>\n<dict><key>x</dict></plist>", "bad.plist", @"^bad\.plist:2:", TestName = "Malformed XML names line and column")]
    [TestCase("bplist00\u00d1\u0001", "bin.plist", @"plutil -convert xml1 bin\.plist", TestName = "A binary plist says how to convert it")]
    public void A_plist_that_cannot_be_read_is_an_input_error_saying_where_and_what(string text, string file, string expected)
    {
        Assert.That(() => DextPlist.Parse(text, file), Throws.TypeOf<InputException>().With.Message.Match(expected));
    }

    [Test]
    public void UnreadableFileIsAnInputError()
    {
        Assert.That(() => DextPlist.Load("/nonexistent/Info.plist"),
            Throws.TypeOf<InputException>().With.Message.StartWith("/nonexistent/Info.plist: not found; expected the dext's Info.plist"));
    }

    private static string Personality(string name, string extra) => $"""
        <key>{name}</key><dict>
        <key>IOClass</key><string>AppleUserHIDEventService</string>
        <key>IOUserClass</key><string>HilProbeDriver1</string>
        <key>IOProviderClass</key><string>IOHIDInterface</string>
        <key>IOUserServerName</key><string>com.example.hilprobe</string>
        <key>HILRole</key><string>driver1</string>
        {extra}
        </dict>
        """;
}
