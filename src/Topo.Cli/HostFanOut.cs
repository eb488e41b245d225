using System.Reflection;
using System.Text;
using Topo.Cli.Output;
using Topo.Core.Validation;
using Topo.Linux;
using Topo.Linux.Namespaces;
using Topo.Linux.Read;
using Topo.Linux.Remote;

namespace Topo.Cli;

/// <summary>
/// A command on a lab of several machines, without <c>--host</c>: run on every machine at once, this machine's
/// share in process and the others over OpenSSH (<c>topo ARGS - --host NAME</c>, the file on standard input).
/// Before <c>apply</c> and <c>down</c> every far side must run this topo's version, and before <c>apply</c>
/// every machine's plan must succeed: an unreachable machine or a refused plan changes nothing anywhere.
/// The output is grouped by machine, with a summary line per machine and one in total; with <c>--output json</c>
/// it is one document that holds every machine's own.
/// </summary>
internal sealed class HostFanOut(Terminal terminal, KernelOptions options)
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "apply", "plan", "status", "down", "check", "inspect" };

    private sealed record Run(Machine Machine, bool Local, int Code, string Out, string Error);

    /// <param name="json">The command writes <c>--output json</c>: one document for every machine (<see cref="HostFanOutJson"/>).</param>
    public int Execute(string command, IReadOnlyList<string> args, string file, ValidatedLab lab, bool json = false)
    {
        var text = File.ReadAllText(file);
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        var ssh = new SshRunner(options.Ssh, host);
        var held = UnderlayCheck.Held(options, lab.Hosts.Select(m => m.Underlay));
        var local = lab.Hosts.Where(m => held.Contains(m.Underlay)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        var ours = typeof(HostFanOut).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        Task<string?> VersionOn(Machine m) => local.Contains(m.Name) ? Task.FromResult<string?>(null) : Version(ssh, m, ours);

        var runs = command is "apply" or "down"
            ? Held(command, args, file, text, lab, ssh, local, VersionOn)
            : Parallel(lab, m => RunOn(m, local.Contains(m.Name), ssh, [command, .. args.Skip(1)], file, text));
        if (runs is null) return ExitCodes.Error;
        var failed = runs.Where(r => r.Code is not (0 or 2)).Select(r => r.Machine.Name).ToList();
        var exit = failed.Count > 0 ? ExitCodes.Error : runs.Any(r => r.Code == 2) ? ExitCodes.Changes : ExitCodes.Ok;
        if (json)
        {
            terminal.Out.WriteLine(HostFanOutJson.Write(command, [.. runs.Select(r => HostFanOutJson.Host(r.Machine.Name, r.Local, r.Code, r.Out, r.Error))], failed, exit));
            return exit;
        }

        Print(runs);
        terminal.Out.WriteLine(failed.Count == 0
            ? $"{command} on {runs.Count} hosts: all succeeded."
            : $"{command} on {runs.Count} hosts: failed on {string.Join(", ", failed)}.");
        return exit;
    }

    /// <summary>
    /// Apply and down in two rounds over one ssh session per far side: each plans and holds (<c>--hold</c>) while
    /// the versions are checked and this machine plans in process; only when every machine planned and runs this
    /// topo's version does each get <c>go</c>. Null when the run was called off everywhere (the reasons are printed).
    /// </summary>
    private List<Run>? Held(string command, IReadOnlyList<string> args, string file, string text, ValidatedLab lab, SshRunner ssh, HashSet<string> local, Func<Machine, Task<string?>> versionOn)
    {
        var held = new Dictionary<string, HeldRun>(StringComparer.Ordinal);
        try
        {
            var planned = Parallel(lab, async m =>
            {
                var version = versionOn(m);
                if (local.Contains(m.Name))
                {
                    // This machine's plan changes nothing: a down has none to make first.
                    var plan = command == "apply" ? await RunOn(m, true, ssh, ["plan", file, "--detailed-exitcode"], file, text) : null;
                    return (Machine: m, Version: await version, Failed: plan is { Code: not (0 or 2) } ? plan : null);
                }

                HeldRun run;
                try
                {
                    lock (held) held[m.Name] = run = ssh.StartHeld(new RemoteHost(m.Name, m.Ssh), RemoteArguments([command, .. args.Skip(1), CommonOptions.HostName, m.Name, HoldOption.Name], file), text, HoldOption.Marker);
                }
                catch (RemoteHostException e)
                {
                    return (Machine: m, Version: await version, Failed: (Run?)Unreachable(m, e));
                }

                return (Machine: m, Version: await version, Failed: await run.Held ? null : await Finished(m, run, go: false));
            });

            var go = planned.All(p => p.Version is null && p.Failed is null);
            if (!go)
            {
                foreach (var p in planned.Where(p => held.TryGetValue(p.Machine.Name, out var r) && r.Held.Result)) Finished(p.Machine, held[p.Machine.Name], go: false).GetAwaiter().GetResult();
                if (Refused([.. planned.Select(p => p.Version)])) return null;
                var failed = planned.Select(p => p.Failed).OfType<Run>().ToList();
                Print(failed);
                terminal.Error.WriteLine(command == "apply"
                    ? $"topo: the plan failed on {string.Join(", ", failed.Select(p => p.Machine.Name))}: nothing was applied on any host"
                    : $"topo: down could not start on {string.Join(", ", failed.Select(p => p.Machine.Name))}: nothing was deleted on any host");
                return null;
            }

            return Parallel(lab, m => local.Contains(m.Name)
                ? RunOn(m, true, ssh, [command, .. args.Skip(1)], file, text)
                : Finished(m, held[m.Name], go: true));
        }
        finally
        {
            foreach (var run in held.Values) run.Dispose();
        }
    }

    private static async Task<Run> Finished(Machine machine, HeldRun run, bool go)
    {
        try
        {
            var result = await run.Finish(go, HoldOption.Go);
            return new Run(machine, false, result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (RemoteHostException e)
        {
            return Unreachable(machine, e);
        }
    }

    // ssh could not reach the machine: a failed run of it, saying why, so the others are called off.
    private static Run Unreachable(Machine machine, RemoteHostException e) => new(machine, false, ExitCodes.Error, "", e.Message + "\n");

    private bool Refused(IReadOnlyList<string?> versions)
    {
        if (versions.All(v => v is null)) return false;
        foreach (var why in versions.OfType<string>()) terminal.Error.WriteLine($"topo: {why}");
        terminal.Error.WriteLine("topo: nothing was changed on any host");
        return true;
    }

    private List<T> Parallel<T>(ValidatedLab lab, Func<Machine, Task<T>> run) =>
        [.. Task.WhenAll(lab.Hosts.Select(m => Task.Run(() => run(m)))).GetAwaiter().GetResult()];

    private static async Task<string?> Version(SshRunner ssh, Machine machine, string ours)
    {
        try
        {
            await RemoteVersion.RequireSame(ssh, new RemoteHost(machine.Name, machine.Ssh), ours);
            return null;
        }
        catch (RemoteHostException e)
        {
            return e.Message;
        }
    }

    // The machine's share with --host: in process for this machine, else over ssh with the file on standard input.
    private async Task<Run> RunOn(Machine machine, bool local, SshRunner ssh, IReadOnlyList<string> args, string file, string text)
    {
        string[] withHost = [.. args, CommonOptions.HostName, machine.Name];
        if (local)
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = TopoApp.Run(withHost, new Terminal(stdout, stderr, IsInteractive: false), options);
            return new Run(machine, true, code, stdout.ToString(), stderr.ToString());
        }

        try
        {
            var remote = await ssh.RunAsync(new RemoteHost(machine.Name, machine.Ssh), RemoteArguments(withHost, file), text);
            return new Run(machine, false, remote.ExitCode, remote.StandardOutput, remote.StandardError);
        }
        catch (RemoteHostException e)
        {
            return Unreachable(machine, e);
        }
    }

    /// <summary>
    /// The far side reads the file from standard input: its name becomes <c>-</c> wherever it stands among the
    /// arguments (<c>apply -q FILE</c> as much as <c>apply FILE -q</c>).
    /// </summary>
    internal static string[] RemoteArguments(IReadOnlyList<string> args, string file) =>
        [.. args.Select(a => a == file ? "-" : a)];

    private void Print(IEnumerable<Run> runs)
    {
        foreach (var run in runs)
        {
            var where = run.Local ? "this machine" : $"over ssh {run.Machine.Ssh}";
            var text = new StringBuilder().AppendLine($"{run.Machine.Name} ({where}):");
            foreach (var line in (run.Out + run.Error).TrimEnd().Split('\n')) text.AppendLine($"  {line}".TrimEnd());
            text.AppendLine($"{run.Machine.Name}: {(run.Code is 0 or 2 ? "ok" : $"failed (exit {run.Code})")}");
            terminal.Out.Write(text);
        }
    }
}
