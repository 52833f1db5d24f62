using Hil.Foundation;

namespace Hil.UserClients.Tests.Probe;

/// <summary>The decisions the IOKit backend delegates, tested here because that backend runs only on a Mac.</summary>
public sealed class SharedDecisionTests
{
    [Test]
    public void Async_reference_puts_callback_and_refcon_where_IOKit_reads_them()
    {
        var r = new ulong[8];
        r[0] = 99;
        var count = IOKitMarshal.BuildAsyncReference(r, 0x1000, 0x2000);
        Assert.That((count, r[0], r[1], r[2], r[7]), Is.EqualTo((3u, 0ul, 0x1000ul, 0x2000ul, 0ul)));
    }

    [Test]
    public void Async_args_copy_and_more_than_sixteen_is_an_overrun()
    {
        var dest = new ulong[16];
        Assert.That(IOKitMarshal.CopyAsyncArgs([1, -1], dest, "svc"), Is.EqualTo(2));
        Assert.That(dest[1], Is.EqualTo(ulong.MaxValue));
        var ex = Assert.Throws<UserClientException>(() => IOKitMarshal.CopyAsyncArgs(new nint[17], dest, "svc"));
        Assert.That(ex.Status, Is.EqualTo(IOReturn.Overrun));
    }

    [Test]
    public void Output_capacity_is_clamped_to_sixteen_scalars()
    {
        Assert.That((IOKitMarshal.ScalarOutCapacity(3), IOKitMarshal.ScalarOutCapacity(40)), Is.EqualTo((3u, 16u)));
    }

    [Test]
    public void Driver_statuses_are_returned_and_mach_ipc_failures_mean_the_driver_is_gone()
    {
        Assert.That(UserClientErrors.CallStatus("svc", 1, unchecked((int)0xE00002C2)), Is.EqualTo(IOReturn.BadArgument));
        var ex = Assert.Throws<UserClientException>(() => UserClientErrors.CallStatus("svc", 4, 0x10000003));
        Assert.That((ex.Fault, ex.Status), Is.EqualTo((FaultKind.RigFault, IOReturn.NotOpen)));
        Assert.That(ex.Message, Does.Contain("selector 4").And.Contain("0x10000003"));
    }

    [Test]
    public void A_refused_open_explains_the_entitlement_on_both_backends()
    {
        var ex = UserClientErrors.OpenRefused("svc", IOReturn.NotPermitted);
        Assert.That(ex.Message, Does.Contain("kIOReturnNotPermitted (0xE00002E2)").And.Contain("userclient-access"));
        Assert.That(UserClientErrors.OpenRefused("svc", IOReturn.Busy).Message, Does.Not.Contain("entitlement"));
    }

    [Test]
    public void Call_arguments_past_the_IOKit_limits_are_refused_naming_endpoint_and_selector()
    {
        Assert.That(() => CallArguments.Validate("svc", 7, 0, 0, 17), Throws.TypeOf<InputException>().With.Message.EqualTo("user client svc, selector 7: scalar output capacity is 17, expected <= 16"));
        Assert.That(() => CallArguments.Validate("svc", 7, 0, CallArguments.MaxStructIn + 1, 0), Throws.TypeOf<InputException>().With.Message.Contains("struct input size"));
    }

    [Test]
    public void IOReturn_text_names_known_and_unknown_codes()
    {
        Assert.That(IOReturnText.Describe(IOReturn.Timeout), Is.EqualTo("kIOReturnTimeout (0xE00002D6)"));
        Assert.That(IOReturnText.Describe((IOReturn)0xE0000001), Is.EqualTo("unknown IOReturn (0xE0000001)"));
    }
}
