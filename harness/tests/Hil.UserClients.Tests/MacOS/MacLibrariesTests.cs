using Hil.MacInterop;

namespace Hil.UserClients.Tests.MacOS;

/// <summary>The one Mac interop declaration binds by library name; the resolver decides which file that is.</summary>
public sealed class MacLibrariesTests
{
    [TestCase(MacLibraries.IOKit, "/System/Library/Frameworks/IOKit.framework/IOKit")]
    [TestCase(MacLibraries.CoreFoundation, "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation")]
    [TestCase(MacLibraries.System, "/usr/lib/libSystem.dylib")]
    public void On_macOS_a_name_binds_to_Apples_file(string name, string path) =>
        Assert.That(MacLibraries.PathOf(name, onMacOS: true), Is.EqualTo(path));

    [TestCase(MacLibraries.IOKit)]
    [TestCase(MacLibraries.CoreFoundation)]
    [TestCase(MacLibraries.System)]
    public void Elsewhere_a_name_is_left_to_the_runtimes_probing_so_a_twin_library_can_bind(string name) =>
        Assert.That(MacLibraries.PathOf(name, onMacOS: false), Is.Null);

    [Test]
    public void A_name_the_interop_does_not_bind_is_left_to_the_runtime_on_macOS_too() =>
        Assert.That(MacLibraries.PathOf("libhidapi", onMacOS: true), Is.Null);
}
