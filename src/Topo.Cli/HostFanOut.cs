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

        if (command == "down" && Refused(Parallel(lab, VersionOn))) return ExitCodes.Error;

        if (command == "apply")
        {
            // A plan changes nothing, so it need not wait for the version: both ride one round trip per machine.
            var checks = Parallel(lab, async m =>
            {
                var version = VersionOn(m);
                var plan = RunOn(m, local.Contains(m.Name), ssh, ["plan", file, "--detailed-exitcode"], file, text);
                return (Version: await version, Plan: await plan);
            });
            if (Refused([.. checks.Select(c => c.Version)])) return ExitCodes.Error;
            var plans = checks.Select(c => c.Plan).ToList();
            if (plans.Any(p => p.Code is not (0 or 2)))
            {
                Print(plans.Where(p => p.Code is not (0 or 2)));
                terminal.Error.WriteLine($"topo: the plan failed on {string.Join(", ", plans.Where(p => p.Code is not (0 or 2)).Select(p => p.Machine.Name))}: nothing was applied on any host");
                return ExitCodes.Error;
            }
        }

        var runs = Parallel(lab, m => RunOn(m, local.Contains(m.Name), ssh, [command, .. args.Skip(1)], file, text));
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
            return new Run(machine, false, ExitCodes.Error, "", e.Message + "\n");
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
