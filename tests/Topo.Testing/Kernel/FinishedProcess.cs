using System.Diagnostics;

namespace Topo.Testing.Kernel;

/// <summary>
/// A witness process run to its end: its exit code and all it wrote. Its output pipes are closed here:
/// Process.Dispose leaves a stream read synchronously open until the finaliser runs, and a test process
/// that ran hundreds of witnesses held as many pipes, pushing the descriptors libnftables is given past
/// the 1024 that its select() can take (the test host aborted).
/// </summary>
public sealed record FinishedProcess(int ExitCode, string Out, string Error)
{
    /// <summary>Starts <paramref name="start"/> (both outputs redirected), waits for it and reads both outputs whole.</summary>
    public static FinishedProcess Run(ProcessStartInfo start)
    {
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        return Of(p);
    }

    /// <summary>Waits for a started process (both outputs redirected) and reads both outputs whole.</summary>
    public static FinishedProcess Of(Process p)
    {
        using var output = p.StandardOutput;
        using var error = p.StandardError;
        var stdout = output.ReadToEndAsync();
        var stderr = error.ReadToEnd();
        p.WaitForExit();
        return new FinishedProcess(p.ExitCode, stdout.Result, stderr);
    }
}
