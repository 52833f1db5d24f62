namespace Hil.Foundation;

/// <summary>
/// Base of every error the harness raises on purpose. <see cref="Fault"/> says who is to
/// blame; the message names the file, line, field, byte or wait and what was expected.
/// </summary>
public class HilException : Exception
{
    public HilException(FaultKind fault, string message, Exception? inner = null)
        : base(message, inner) => Fault = fault;

    public FaultKind Fault { get; }

    /// <summary>The error of <paramref name="fault"/>'s own type, so callers catch a rig fault or a missing tool by type.</summary>
    public static HilException For(FaultKind fault, string message, Exception? inner = null) => fault switch
    {
        FaultKind.RigFault => new RigFaultException(message, inner),
        FaultKind.ProductDefect => new ProductDefectException(message, inner),
        FaultKind.InfrastructureFault => new InfrastructureException(message, inner),
        FaultKind.InputError => new InputException(message, inner),
        _ => new HilException(fault, message, inner),
    };

    /// <summary>Marker that tests can find in a message to classify it.</summary>
    public string Tag => Fault switch
    {
        FaultKind.ProductDefect => "product-defect",
        FaultKind.LatencyRegression => "latency-regression",
        FaultKind.RigFault => "rig-fault",
        FaultKind.InfrastructureFault => "infrastructure-fault",
        FaultKind.InputError => "input-error",
        _ => "harness-error",
    };
}

/// <summary>A rig part failed (relay, hub, device enumeration, rig lock).</summary>
public sealed class RigFaultException(string message, Exception? inner = null)
    : HilException(FaultKind.RigFault, message, inner);

/// <summary>The driver under test did something wrong.</summary>
public sealed class ProductDefectException(string message, Exception? inner = null)
    : HilException(FaultKind.ProductDefect, message, inner);

/// <summary>The host lacks something the harness needs (a tool, a package, a permission).</summary>
public sealed class InfrastructureException(string message, Exception? inner = null)
    : HilException(FaultKind.InfrastructureFault, message, inner);

/// <summary>Bad input: a rig file, a CLI argument, a user-client argument. Names where and what was expected.</summary>
public sealed class InputException(string message, Exception? inner = null)
    : HilException(FaultKind.InputError, message, inner);
