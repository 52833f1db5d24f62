namespace Hil.Rigs.Tests;

public sealed class RigFileLoadTests
{
    [Test]
    public void The_default_sim_rig_loads_with_the_shape_the_design_names()
    {
        var rig = RigFile.Load(RepoFiles.Path_("rigs", "sim.yaml"));

        Assert.That(rig.Name, Is.EqualTo("sim-default"));
        Assert.That(rig.Host, Is.EqualTo(RigHost.Sim));
        Assert.That(rig.SafeState, Is.EqualTo(SafeState.AllOff));
        var relay = rig.Power["relay1"];
        Assert.That((relay.Kind, relay.Port, relay.Channels), Is.EqualTo(("numato", "sim", 8)));
        Assert.That(rig.Devices["stimulus-a"].Power, Is.EqualTo(new ChannelRef("relay1", 1)));
        Assert.That(rig.Devices["stimulus-a"].Usb, Is.EqualTo(new UsbIdentity(0x1209, 0x0001, "HIL-A")));
        Assert.That(rig.Devices["stimulus-b"].Power, Is.EqualTo(new ChannelRef("relay1", 2)));
        Assert.That(rig.Devices["stimulus-b"].Usb, Is.EqualTo(new UsbIdentity(0x1209, 0x0002, "HIL-B")));
        Assert.That(rig.Dext!.PlistPath, Is.EqualTo(RepoFiles.Path_("dext", "driverkit", "Info.plist")));
        Assert.That(rig.Dext.BundleId, Is.EqualTo("com.example.hilprobe"));
        Assert.That(rig.Dext.EntitlementToken, Is.EqualTo("com.example.hilprobe"));
        Assert.That(rig.Timeouts, Is.EqualTo(new RigTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))));
        Assert.That(rig.Sim!.EnumerateDelay, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(rig.Sim.EnumerateJitter, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(rig.Sim.Seed, Is.EqualTo(1));
        Assert.That(rig.Sim.Faults, Is.Empty);
        Assert.That(rig.SourcePath, Is.EqualTo(RepoFiles.Path_("rigs", "sim.yaml")));
    }

    [Test]
    public void Budgets_are_read_per_topology_and_percentile_with_their_line()
    {
        var rig = RigFile.Load(RepoFiles.Path_("rigs", "examples", "mac-mini-lcus-uhubctl.yaml"));
        var p99 = rig.Budgets.Single(b => b.Topology == "app-relay" && b.Percentile == "p99");

        Assert.That((p99.Limit, p99.Marginal), Is.EqualTo((TimeSpan.FromMilliseconds(10), (TimeSpan?)TimeSpan.FromMilliseconds(5))));
        Assert.That(p99.Where.File, Does.EndWith("mac-mini-lcus-uhubctl.yaml"));
        Assert.That(p99.Judge(4_000_000), Is.EqualTo(BudgetVerdict.Within));
        Assert.That(p99.Judge(6_000_000), Is.EqualTo(BudgetVerdict.Marginal));
        Assert.That(p99.Judge(10_000_001), Is.EqualTo(BudgetVerdict.Over));
        Assert.That(RigFile.Load(RepoFiles.Path_("rigs", "sim.yaml")).Budgets, Is.Empty);
    }

    [Test]
    public void Every_example_rig_in_the_repository_is_valid()
    {
        var files = Directory.GetFiles(RepoFiles.Path_("rigs", "examples"), "*.yaml");

        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            Assert.DoesNotThrow(() => RigFile.Load(file), file);
        }
    }

    [Test]
    public void The_mac_mini_example_binds_an_lcus_board_by_port_and_a_hub_by_location()
    {
        var rig = RigFile.Load(RepoFiles.Path_("rigs", "examples", "mac-mini-lcus-uhubctl.yaml"));

        Assert.That(rig.Host, Is.EqualTo(RigHost.MacOS));
        Assert.That(rig.Sim, Is.Null);
        Assert.That((rig.Power["lcus1"].Kind, rig.Power["lcus1"].Port), Is.EqualTo(("lcus", "/dev/cu.wchusbserial1410")));
        Assert.That((rig.Power["hub1"].Kind, rig.Power["hub1"].Location), Is.EqualTo(("uhubctl", "1-1.4")));
        Assert.That(rig.Devices["spare"].Power, Is.EqualTo(new ChannelRef("hub1", 3)));
    }

    [Test]
    public void A_file_with_only_rig_and_power_is_a_rig_with_defaults_for_the_rest()
    {
        var rig = RigFile.Parse("rig: bench\npower:\n  r: { kind: sim, channels: 2 }\n", "/tmp/x/bench.yaml");

        Assert.That(rig.Host, Is.EqualTo(RigHost.MacOS));
        Assert.That(rig.SafeState, Is.EqualTo(SafeState.AllOff));
        Assert.That(rig.Devices, Is.Empty);
        Assert.That(rig.Dext, Is.Null);
        Assert.That(rig.Sim, Is.Null);
        Assert.That(rig.Timeouts, Is.EqualTo(new RigTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))));
    }

    [Test]
    public void A_sim_rig_without_a_sim_section_gets_the_sim_defaults()
    {
        var rig = RigFile.Parse("rig: s\nhost: sim\npower:\n  r: { kind: numato, port: sim, channels: 1 }\n", "s.yaml");

        Assert.That(rig.Sim!.EnumerateDelay, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(rig.Sim.EnumerateJitter, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(rig.Sim.Seed, Is.EqualTo(1));
    }

    [Test]
    public void The_plist_resolves_against_the_directory_holding_Harness_sln()
    {
        var root = Directory.CreateTempSubdirectory("hil-rigs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Harness.sln"), "");
            Directory.CreateDirectory(Path.Combine(root, "rigs", "deep"));
            var rigPath = Path.Combine(root, "rigs", "deep", "r.yaml");
            File.WriteAllText(rigPath, "rig: r\npower: { a: { kind: sim, channels: 1 } }\ndext: { plist: d/Info.plist, bundle_id: a.b }\n");
            Directory.CreateDirectory(Path.Combine(root, "d"));
            File.WriteAllText(Path.Combine(root, "d", "Info.plist"), "<plist/>");

            var rig = RigFile.Load(rigPath);

            Assert.That(rig.Dext!.PlistPath, Is.EqualTo(Path.Combine(root, "d", "Info.plist")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Without_Harness_sln_above_it_the_plist_resolves_against_the_rig_files_directory()
    {
        var dir = Directory.CreateTempSubdirectory("hil-rigs-").FullName;
        try
        {
            var rig = RigFile.Parse("rig: r\npower: { a: { kind: sim, channels: 1 } }\ndext: { plist: Info.plist, bundle_id: a.b }\n",
                Path.Combine(dir, "r.yaml"));

            Assert.That(rig.Dext!.PlistPath, Is.EqualTo(Path.Combine(dir, "Info.plist")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_user_client_token_can_differ_from_the_bundle_id()
    {
        var rig = RigFile.Parse(
            "rig: r\npower: { a: { kind: sim, channels: 1 } }\ndext: { plist: p, bundle_id: a.b, userclient_access: tok.x }\n", "r.yaml");

        Assert.That(rig.Dext!.EntitlementToken, Is.EqualTo("tok.x"));
    }

    [Test]
    public void Every_power_kind_is_read_with_its_identity_field()
    {
        var yaml = """
            rig: kinds
            power:
              n: { kind: numato, port: /dev/ttyACM0, channels: 8 }
              l: { kind: lcus, port: /dev/ttyUSB0, channels: 4 }
              k: { kind: kmtronic, port: /dev/ttyUSB1, channels: 8 }
              d: { kind: dcttech, serial: QAAMZ, channels: 2 }
              u: { kind: uhubctl, location: 1-1.4, channels: 4 }
              y: { kind: ykush, serial: YK21624, channels: 3 }
              s: { kind: sim, channels: 16 }
            """;

        var power = RigFile.Parse(yaml, "k.yaml").Power;

        Assert.That(power["n"].Port, Is.EqualTo("/dev/ttyACM0"));
        Assert.That(power["l"].Port, Is.EqualTo("/dev/ttyUSB0"));
        Assert.That(power["k"].Port, Is.EqualTo("/dev/ttyUSB1"));
        Assert.That(power["d"].Serial, Is.EqualTo("QAAMZ"));
        Assert.That(power["u"].Location, Is.EqualTo("1-1.4"));
        Assert.That(power["y"].Serial, Is.EqualTo("YK21624"));
        Assert.That((power["s"].Port, power["s"].Serial, power["s"].Location), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(power["s"].Where, Is.EqualTo(new SourceLocation("k.yaml", 9, 6)));
    }

    [Test]
    public void Faults_keep_their_kind_target_arguments_and_position()
    {
        var yaml = """
            rig: f
            host: sim
            power: { relay1: { kind: numato, port: sim, channels: 8 } }
            devices:
              stim: { power: relay1/1, usb: { vid: 0x1209, pid: 0x0001 } }
            sim:
              seed: 42
              faults:
                - { kind: relay-timeout, target: relay1/1, after: 2s }
                - { kind: never-enumerate, target: stim }
                - { kind: drop-messages, rate: 0.01 }
                - { kind: hop-delay, target: one-process, delay: 250us }
                - { kind: dext-crash, messages: 500 }
                - { kind: userclient-hang, target: driver2 }
                - { kind: delay-messages, delay: 2ms }
                - { kind: board-vanish, target: relay1, switches: 9 }
                - { kind: late-enumerate, target: stim, delay: 2s }
                - { kind: replug-race, target: stim, gap: 20ms }
                - { kind: floor-tool-missing }
            """;

        var sim = RigFile.Parse(yaml, "f.yaml").Sim!;

        Assert.That(sim.Seed, Is.EqualTo(42));
        Assert.That(sim.Faults.Select(f => f.Kind), Is.EquivalentTo(FaultKinds.All));
        Assert.That(sim.Faults[0].Target, Is.EqualTo("relay1/1"));
        Assert.That(sim.Faults[0].Args["after"], Is.EqualTo("2s"));
        Assert.That(sim.Faults[0].Where, Is.EqualTo(new SourceLocation("f.yaml", 9, 7)));
        Assert.That(sim.Faults[2].Target, Is.Null);
        Assert.That(sim.Faults[6].Args, Has.Count.EqualTo(1));
        Assert.That(sim.Faults[7].Args["switches"], Is.EqualTo("9"));
        Assert.That(sim.Faults[9].Args["gap"], Is.EqualTo("20ms"));
        Assert.That(sim.Faults[10].Target, Is.Null);
        Assert.That(sim.Faults[10].Args, Is.Empty);
    }

    [Test]
    public void Anchors_and_aliases_are_followed()
    {
        var yaml = "rig: a\npower:\n  r1: &board { kind: sim, channels: 4 }\n  r2: *board\n";

        var power = RigFile.Parse(yaml, "a.yaml").Power;

        Assert.That(power["r2"].Channels, Is.EqualTo(4));
    }

    [Test]
    public void A_missing_file_is_an_input_error_naming_the_path()
    {
        var ex = Assert.Throws<Hil.Foundation.InputException>(() => RigFile.Load("/nonexistent/rig.yaml"));

        Assert.That(ex!.Message, Does.StartWith("/nonexistent/rig.yaml: not found; expected a rig file"));
    }
}
