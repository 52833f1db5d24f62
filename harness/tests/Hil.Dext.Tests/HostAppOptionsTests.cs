using Hil.Dext.MacOS;
using Hil.Rigs;

namespace Hil.Dext.Tests;

/// <summary>The rig's dext.host_app becomes the Mac dext host's activator (issue 12 item 4).</summary>
public sealed class HostAppOptionsTests
{
    private static readonly DextSpec Keyflip = new("dext/examples/keyflip/Info.plist", "com.example.keyflip", "t");

    [Test]
    public void An_app_bundle_runs_its_executable_with_the_verb_and_the_bundle_id()
    {
        var options = new MacDextHostOptions().WithHostAppOf(Keyflip with { HostApp = "/Applications/KeyflipHost.app/" });
        Assert.That(options.Activator, Is.EqualTo("/Applications/KeyflipHost.app/Contents/MacOS/KeyflipHost"));
        Assert.That(options.ActivateArguments, Is.EqualTo(new[] { "activate", "com.example.keyflip" }));
        Assert.That(options.DeactivateArguments, Is.EqualTo(new[] { "deactivate", "com.example.keyflip" }));
    }

    [Test]
    public void An_executable_path_runs_as_given()
    {
        Assert.That(MacDextHostOptions.HostAppExecutable("/opt/bin/keyflip-host"), Is.EqualTo("/opt/bin/keyflip-host"));
    }

    [Test]
    public void Without_host_app_or_with_an_activator_set_the_options_stay()
    {
        var plain = new MacDextHostOptions();
        Assert.That(plain.WithHostAppOf(Keyflip), Is.SameAs(plain));
        var given = new MacDextHostOptions { Activator = "/x/activator" };
        Assert.That(given.WithHostAppOf(Keyflip with { HostApp = "/Applications/K.app" }).Activator, Is.EqualTo("/x/activator"));
    }
}
