using System.Diagnostics;

namespace Topo.Bench;

/// <summary>Runs a program to completion and times it from start to exit (start-up included).</summary>
public static class Processes
{
    public sealed record Outcome(int ExitCode, string Out, string Error, TimeSpan Wall);

    /// <summary>Runs <paramref name="program"/>; fails unless it exits with one of <paramref name="accepted"/> (default 0).</summary>
    public static Outcome Run(string program, IEnumerable<string> args, params int[] accepted)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        // Read both streams while it runs: a full pipe would stall the program and the clock.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed;
        var outcome = new Outcome(process.ExitCode, output.Result, error.Result, wall);
        if (!(accepted.Length == 0 ? [0] : accepted).Contains(outcome.ExitCode))
            throw new BenchException($"{program} {string.Join(' ', args)} exited {outcome.ExitCode}: {Tail(outcome.Error)}{Tail(outcome.Out)}");
        return outcome;
    }

    public static string Text(string program, params string[] args) => Run(program, args).Out;

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}

/// <summary>A method did not do its job, or the kernel is not as it should be: the run stops with this.</summary>
public sealed class BenchException(string message) : Exception(message);
