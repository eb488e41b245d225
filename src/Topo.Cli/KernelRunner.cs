using Topo.Linux.Read;
using Topo.Core.Validation;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Topo.Cli.Output;
using Topo.Core;
using Topo.Core.State;
using Topo.Linux;
using Topo.Linux.Namespaces;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Linux.Sysctl;
using Topo.Core.Kinds;

namespace Topo.Cli;

/// <summary>
/// What every kernel-touching command shares: load and check the file before any kernel call,
/// refuse without privileges, open one session, and turn the engine's errors into one clear line and exit 1.
/// </summary>
public sealed class KernelRunner(Terminal terminal, KernelOptions options, Option<bool> verbose)
{
    private int _reservedFor = -1;

    public KernelOptions Options { get; } = options;

    /// <summary>The checked lab, or null after printing every problem in the file.</summary>
    /// <param name="readsKernel">Whether the command goes on to read the kernel (not so <c>exec</c>, or <c>graph</c> without <c>--live</c>).</param>
    /// <param name="changesKernel">
    /// Whether the command plans changes (<c>plan</c>, <c>apply</c>): then the file's sysctl keys must exist
    /// and be writable under /proc/sys, or the file is refused at their lines before anything changes.
    /// </param>
    /// <param name="host">The host of a lab of several that this machine is (<c>--host</c>): its share is the lab.</param>
    /// <param name="whole">Whether the command takes a lab of several hosts whole when no host is named (<c>graph</c> draws every machine).</param>
    public LoadResult? Load(FileInfo file, string? host, bool readsKernel = true, bool changesKernel = false, bool whole = false)
    {
        if (readsKernel) ReserveDescriptors(0);
        using var keys = changesKernel ? new ProcSysKeys(Options) : null;
        // "-": the file on standard input, as another machine of a lab of several receives it over ssh.
        var result = file.ToString() == "-"
            ? LabLoader.LoadText("-", Topo.Linux.Remote.FramedFile.Read(Console.In), keys is null ? null : keys.Of)
            : LabLoader.Load(file.ToString(), keys is null ? null : keys.Of);
        if (result.Ok)
        {
            if (Share(result.Lab!, host, readsKernel, whole) is not { } lab) return null;
            result = result with { Lab = lab };
            if (readsKernel) ReserveDescriptors(result.Lab!.Desired.Resources.OfType<NamespaceResource>().Count());
            return result;
        }

        foreach (var line in result.Lines) terminal.Error.WriteLine(line);
        return null;
    }

    // A lab of several hosts is applied a host at a time, each on its own machine, which must be that host.
    private ValidatedLab? Share(ValidatedLab lab, string? host, bool readsKernel, bool whole)
    {
        if (host is null && (!lab.Spans || whole)) return lab;
        string? problem = null;
        if (host is null)
            problem = $"lab '{lab.Lab}' spans hosts {string.Join(", ", lab.Hosts.Select(h => h.Name))}: name the one this machine is with --host NAME";
        else if (!lab.Spans)
            problem = $"--host {host}: lab '{lab.Lab}' has no hosts: section, so it is all on this machine (leave --host out)";
        else if (lab.Hosts.FirstOrDefault(h => h.Name == host) is not { } machine)
            problem = $"--host {host}: not a host of lab '{lab.Lab}' (hosts: {string.Join(", ", lab.Hosts.Select(h => h.Name))})";
        else if (readsKernel && !UnderlayCheck.Holds(Options, machine.Underlay))
            problem = $"--host {host}: this machine does not hold {host}'s underlay address {machine.Underlay}; run it on {host} (nothing was changed)";
        if (problem is null) return lab.On(host!);
        terminal.Error.WriteLine($"topo: {problem}");
        return null;
    }

    /// <summary>Runs <paramref name="body"/> with one session; its logger writes to standard error under <c>-v</c>.</summary>
    public int Run(ParseResult parse, string lab, Func<KernelSession, ILogger, int> body) =>
        Run(parse, log =>
        {
            using var session = KernelSession.Open(lab, Options);
            session.NamespaceMounted += FaultInjection.FromEnvironment().NamespaceMounted;
            return body(session, log);
        });

    /// <summary>
    /// As <see cref="Run(ParseResult, string, Func{KernelSession, ILogger, int})"/>, for apply and down: SIGINT and
    /// SIGTERM stop the run between steps (see <see cref="Interruption"/>), and the exit code is the signal's.
    /// </summary>
    /// <param name="then">What the run does once stopped ("undoing this run").</param>
    public int RunInterruptible(ParseResult parse, string lab, string then, Func<KernelSession, ILogger, CancellationToken, int> body)
    {
        using var interruption = new Interruption(terminal.Error, then);
        return RunInterruptible(parse, lab, interruption, body);
    }

    /// <summary>One run of several that share <paramref name="interruption"/> (<c>apply --watch</c>): stopped by it, the exit code is the signal's.</summary>
    public int RunInterruptible(ParseResult parse, string lab, Interruption interruption, Func<KernelSession, ILogger, CancellationToken, int> body)
    {
        try
        {
            return Run(parse, lab, (session, log) => body(session, log, interruption.Token));
        }
        catch (RunInterruptedException e)
        {
            terminal.Error.WriteLine($"topo: interrupted by {interruption.Signal}: {e.Message}");
            return interruption.ExitCode;
        }
    }

    /// <summary>What an apply or a down tells of its steps: <paramref name="observer"/>, and the crash tests' faults (see <see cref="FaultInjection"/>).</summary>
    public static IStepObserver Observing(IStepObserver observer, CancellationToken interrupt) => FaultInjection.FromEnvironment().Around(observer, interrupt);

    /// <summary>The same checks, logging and error lines, for a command that opens its own namespaces (<c>check</c>).</summary>
    public int Run(ParseResult parse, Func<ILogger, int> body)
    {
        ReserveDescriptors(0);
        if (Privileges.Missing() is { } why)
        {
            terminal.Error.WriteLine($"topo: {why}");
            return ExitCodes.Error;
        }

        try
        {
            using var logging = parse.GetValue(verbose)
                ? LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new TerminalLoggerProvider(terminal.Error, LogLevel.Debug)))
                : NullLoggerFactory.Instance;
            return body(logging.CreateLogger("topo"));
        }
        catch (Exception e) when (e is KernelException or ApplyFailedException or ConflictException or VerificationFailedException or LabBusyException or NotApprovedException)
        {
            terminal.Error.WriteLine($"topo: {(e is VerificationFailedException failure ? VerificationFailureText.Of(failure) : e.Message)}");
            return ExitCodes.Error;
        }
    }

    // Reading the kernel holds a socket per namespace there, and applying up to two per namespace it
    // keeps open (an eighth of the limit, see NamespacePool): the limit is raised where root may, so that
    // a large lab keeps every namespace open rather than enter some again, and the table grows for them
    // while the file is parsed, not when they are needed. A command that reads nothing does not ask: it
    // would wait for the growth when it exits or execs.
    private void ReserveDescriptors(int namespaces)
    {
        if (_reservedFor < 0) namespaces = Math.Max(namespaces, new NetnsDirectory(Options.NetnsDirectory).List().Count);
        if (namespaces <= _reservedFor) return;
        _reservedFor = namespaces;
        DescriptorLimit.RaiseTo(512 + 8 * (ulong)namespaces);
        DescriptorTable.ReserveAhead(64 + 2 * namespaces);
    }
}
