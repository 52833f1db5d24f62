using BenchmarkDotNet.Running;
using Hil.Benchmarks.Calibration;

// `gate-calibration [options]` is a measurement program, not a micro-benchmark (GateCalibration.cs);
// anything else goes to BenchmarkDotNet's switcher, e.g. `--filter '*Recording*'`.
if (args.Length > 0 && args[0] == "gate-calibration")
{
    return await GateCalibration.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "compare-calibration")
{
    return await CompareCalibrationRun.RunAsync(args[1..]).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(GateCalibration).Assembly).Run(args);
return 0;
