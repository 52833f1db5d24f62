namespace Hil.Cli.Doctor;

/// <summary>One line of `hil doctor`: what was looked for, whether it is there, and how to get it.</summary>
internal sealed record DoctorCheck(string Area, string What, bool Present, string Detail, string? Fix);
