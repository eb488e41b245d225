using System.Diagnostics;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo apply FILE --watch</c> as the real process a DaemonSet runs: hand-made damage repaired and logged, an
/// edited file applied, an invalid one told and ignored, a failed repair tried again, and a signal that ends it
/// with 0 between runs. Every wait reads the process's output until the line that says the thing happened; the
/// deadline only keeps a broken watch from hanging the suite.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class WatchTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_deleted_namespace_and_a_deleted_bridge_are_put_back_and_logged()
    {
        var file = Write(Lab("wa", "wb"));
        using var watch = Watch(file);
        watch.Until(line => line.StartsWith("Watching", StringComparison.Ordinal));

        KernelSandbox.Run("ip", "netns", "del", "wa");
        Assert.Contains("+ netns wa", watch.Until(Repaired));
        Assert.Contains("wa", _run.Namespaces());
        Assert.Contains("eth0", IpWitness.Links(_run.Sandbox, "wa").Keys);

        _run.Sandbox.Witness("ip", "link", "del", "brw");
        Assert.Contains("+ bridge brw", watch.Until(Repaired));
        Assert.Contains("brw", IpWitness.Links(_run.Sandbox).Keys);
        Assert.True(_run.Pings("wa", "10.77.0.3"));

        watch.Stop(expected: 0);
        Down(file);
    }

    [KernelFact]
    public void An_edited_file_is_applied_and_an_invalid_one_keeps_the_last_good_lab()
    {
        var file = Write(Lab("wa", "wb"));
        using var watch = Watch(file);
        watch.Until(line => line.StartsWith("Watching", StringComparison.Ordinal));

        Write(Lab("wa", "wb", "wc"));
        watch.Until(line => line.Contains("changed: applying it"));
        Assert.Contains("+ netns wc", watch.Until(Repaired));
        Assert.Contains("wc", _run.Namespaces());
        Assert.True(_run.Pings("wc", "10.77.0.2"));

        Write(Lab("wa", "wb", "wc").Replace("subnet: 10.77.0.0/24", "subnet: 10.77.0.0/99"));
        watch.Until(line => line.Contains("is not valid"));
        KernelSandbox.Run("ip", "netns", "del", "wc");
        Assert.Contains("+ netns wc", watch.Until(Repaired));

        var error = watch.Stop(expected: 0);
        Assert.Matches($@"{Path.GetFileName(file)}:\d+:\d+", error);
        Assert.Equal(["wa", "wb", "wc"], _run.Namespaces().Order().ToArray());
        Down(Write(Lab("wa", "wb", "wc")));
    }

    [KernelFact]
    public void A_failed_repair_is_logged_and_the_next_tick_makes_it()
    {
        var file = Write(Lab("wa"));
        using var watch = Watch(file, "--lock-timeout", "0");
        watch.Until(line => line.StartsWith("Watching", StringComparison.Ordinal));

        // Waited for: a tick's run may hold it for a moment.
        using (LabLock.Acquire("/run/topo", "watch", TimeSpan.FromSeconds(30)))
        {
            KernelSandbox.Run("ip", "netns", "del", "wa");
            watch.Until(line => line.Contains("the repair failed"));
            Assert.DoesNotContain("wa", _run.Namespaces());
        }

        Assert.Contains("+ netns wa", watch.Until(Repaired));
        Assert.Contains("wa", _run.Namespaces());
        var error = watch.Stop(expected: 0);
        Assert.Contains("topo: ", error);
        Down(file);
    }

    [KernelFact]
    public void A_signal_during_a_run_stops_that_run_as_an_apply_does()
    {
        var file = Write(Lab("wa", "wb"));
        using var watch = Watch(file, environment: new Dictionary<string, string> { [FaultInjection.SignalVariable] = "3:TERM" });

        var error = watch.Exit();

        Assert.Equal(143, watch.Process.ExitCode);
        Assert.Contains("interrupted by SIGTERM: stopped after 3 of", error);
        Assert.DoesNotContain(watch.Lines, line => line.StartsWith("Watching", StringComparison.Ordinal));
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void On_one_machine_of_a_lab_of_several_the_watch_keeps_that_hosts_share()
    {
        using var hosts = new SimulatedHosts(_run.Sandbox, 2);
        var file = LabRun.Example("08-overlay.yaml");
        var topo = Path.Combine(AppContext.BaseDirectory, "topo.dll");
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in hosts["h2"].Enter(["dotnet", topo, "apply", file, "--host", "h2", "-q", "--watch=200ms"])[1..]) start.ArgumentList.Add(a);
        using var watch = new Running(Process.Start(start)!);
        watch.Until(line => line.StartsWith("Watching", StringComparison.Ordinal));

        hosts["h2"].Run("bridge", "fdb", "del", "00:00:00:00:00:00", "dev", "vxov0", "dst", "192.0.2.11");
        Assert.Contains("forwarding", watch.Until(Repaired));
        Assert.Contains("dst 192.0.2.11", hosts["h2"].Run("bridge", "fdb", "show", "dev", "vxov0"));

        // nsenter forks to enter the host's PID namespace: the signal goes to topo, its child.
        var child = File.ReadAllText($"/proc/{watch.Process.Id}/task/{watch.Process.Id}/children").Trim();
        watch.Stop(expected: 0, child);
        KernelSandbox.Run(hosts["h2"].Enter(["dotnet", topo, "down", file, "--host", "h2", "-q"]));
        Assert.Equal("", hosts["h2"].Run("ip", "netns", "list").Trim());
    }

    private static bool Repaired(string line) => line.StartsWith("watch: repaired:", StringComparison.Ordinal);

    private string Write(string text)
    {
        // Written aside and renamed over, as a ConfigMap changes: a tick never reads half a file.
        var file = Path.Combine(_run.State, "watch.yaml");
        File.WriteAllText(file + ".new", text);
        File.Move(file + ".new", file, overwrite: true);
        return file;
    }

    private static string Lab(params string[] nodes) =>
        $"""
         version: 1
         lab: watch
         bridges:
           brw:
             subnet: 10.77.0.0/24
         nodes:
         {string.Concat(nodes.Select(n => $"  {n}: {{}}\n"))}
         links:
         {string.Concat(nodes.Select(n => $"  - [{n}:eth0, brw]\n"))}
         """;

    private Running Watch(string file, params string[] more) => Watch(file, null, more);

    private Running Watch(string file, IDictionary<string, string>? environment, params string[] more) =>
        new(_run.Start(environment, ["apply", file, "-q", .. more, "--watch=200ms"]));

    private void Down(string file)
    {
        var down = _run.Process(null, "down", file, "-q");
        Assert.True(down.ExitCode == 0, down.Error);
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
    }

    /// <summary>The watch process, read a line at a time; its standard error is collected for the end.</summary>
    private sealed class Running(Process process) : IDisposable
    {
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public Process Process => process;

        public List<string> Lines { get; } = [];

        /// <summary>Reads standard output up to the first line <paramref name="match"/> takes, and returns it.</summary>
        public string Until(Func<string, bool> match)
        {
            while (true)
            {
                if (Next() is not { } line) throw new Xunit.Sdk.XunitException($"the watch ended without saying it; it said:\n{string.Join('\n', Lines)}\n{_error.Result}");
                if (match(line)) return line;
            }
        }

        /// <summary>SIGTERM between runs: the exit code, and standard error.</summary>
        public string Stop(int expected, string? pid = null)
        {
            KernelSandbox.Run("kill", "-TERM", pid ?? process.Id.ToString());
            var error = Exit();
            Assert.True(process.ExitCode == expected, $"exit {process.ExitCode}\n{string.Join('\n', Lines)}\n{error}");
            Assert.Contains(Lines, line => line.Contains("SIGTERM: stopped"));
            return error;
        }

        /// <summary>Reads standard output to its end and waits for the exit; returns standard error.</summary>
        public string Exit()
        {
            while (Next() is not null)
            {
            }

            process.WaitForExit();
            return _error.Result;
        }

        // The next line, null at the end; past the deadline the test fails with what was said.
        private string? Next()
        {
            var next = process.StandardOutput.ReadLineAsync();
            var left = Deadline - _clock.Elapsed;
            if (!next.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                throw new Xunit.Sdk.XunitException($"the watch said nothing more for {Deadline.TotalSeconds} s; it said:\n{string.Join('\n', Lines)}");
            if (next.Result is { } line) Lines.Add(line);
            return next.Result;
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
