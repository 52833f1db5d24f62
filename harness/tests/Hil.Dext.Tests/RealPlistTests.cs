using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Dext.Tests;

/// <summary>The dext's own dext/driverkit/Info.plist reads and has both process layouts the sim and the Mac rely on.</summary>
public sealed class RealPlistTests
{
    private static DextPlist Real() =>
        DextPlist.LoadForRig(new DextSpec("dext/driverkit/Info.plist", "com.example.hilprobe", "unused"));

    [Test]
    public void HasOneRootAndOneDriver1PerLayout()
    {
        var plist = Real();

        Assert.That(plist.BundleIdentifier, Is.EqualTo("com.example.hilprobe"));
        var roots = plist.Personalities.Where(p => p.IsRoot).ToList();
        Assert.That(roots.Select(p => (p.Role, p.OneProcessKeyPresent)), Is.EquivalentTo(new[]
        {
            (DriverRole.Driver2, true), (DriverRole.Driver2, false),
        }));
        Assert.That(roots.Select(p => p.IOMatchCategory).Distinct().Count(), Is.EqualTo(2), "both roots match IOUserResources");
        var d1 = plist.Personalities.Where(p => p.Role == DriverRole.Driver1).ToList();
        Assert.That(d1.Select(p => (p.ProductId, p.OneProcessKeyPresent)), Is.EquivalentTo(new[]
        {
            ((ushort?)0x0001, true), ((ushort?)0x0002, false),
        }));
        Assert.That(d1.All(p => p.VendorId == 0x1209), Is.True);
    }

    [Test]
    public void EveryServerNameCarriesTheBundlesOrganization()
    {
        var plist = Real();

        Assert.That(plist.Personalities.Select(p => p.IOUserServerName).Distinct(), Is.EqualTo(new[] { "com.example.hilprobe" }));
        Assert.That(plist.Personalities.All(p => ProcessLayoutRule.HasOrganizationPrefix(p.IOUserServerName, plist.BundleIdentifier!)),
            Is.True);
    }

    [Test]
    public void ARelativePlistPathIsTakenFromTheRepositoryRoot()
    {
        Assert.That(Real().Path, Is.EqualTo(Path.Combine(RepositoryRoot.Find(), "dext", "driverkit", "Info.plist")));
    }
}
