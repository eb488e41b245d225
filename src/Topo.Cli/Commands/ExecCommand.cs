using System.CommandLine;
using Topo.Linux;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.Read;
using Topo.Linux.RunState;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Core.Kinds;

namespace Topo.Cli.Commands;

/// <summary><c>topo exec NODE -- CMD ARGS...</c>: run a command inside a node's namespace; its exit code is topo's.</summary>
public static class ExecCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var node = new Argument<string>("NODE") { Description = "The node (its namespace has the node's name; with -f also a node on the host network or attached to a namespace, with --lab also an attached one)." };
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments, after --.", Arity = ArgumentArity.OneOrMore };
        var fileOption = new Option<FileInfo?>("--file", "-f") { Description = "The lab file: the node must be one of its nodes." };
        var labOption = new Option<string?>("--lab") { Description = "The lab: the node's namespace must be marked as this lab's." };
        var hostOption = new CommonOptions().Host;
        var command = new Command("exec", "Run a command inside a node's network namespace (like ip netns exec).")
        {
            node, commandLine, fileOption, labOption, hostOption,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetRequiredValue(node);
            SharedNamespace? shared = null;
            if (parse.GetValue(fileOption) is { } file)
            {
                if (runner.Load(file, parse.GetValue<string?>(CommonOptions.HostName), readsKernel: false) is not { Lab: { } lab }) return ExitCodes.Error;
                shared = lab.Desired.Shared.FirstOrDefault(s => s.Node == name);
                if (shared is null && !lab.Desired.Resources.Any(r => r is NamespaceResource ns && ns.Name == name))
                {
                    terminal.Error.WriteLine($"topo: '{name}' is not a node of {file}");
                    return ExitCodes.Error;
                }
            }

            if (Privileges.Missing() is { } why)
            {
                terminal.Error.WriteLine($"topo: {why}");
                return ExitCodes.Error;
            }

            // A node on the host network is the host; an attached node is its namespace's path (the file
            // says which, or the record the lab's last apply left).
            if (shared is not null) return Exec(terminal, runner.Options.HostsDirectory, shared.Ns.IsHost ? runner.Options.HostNamespacePath : shared.Ns.Id, name, parse.GetRequiredValue(commandLine));
            var directory = new NetnsDirectory(runner.Options.NetnsDirectory);
            var named = directory.Exists(name);
            if (!named && parse.GetValue(labOption) is { } labName && AttachedRecord.PathOf(runner.Options.StateDirectory, labName, name) is { } recorded)
            {
                if (recorded.IsHost) return Exec(terminal, runner.Options.HostsDirectory, runner.Options.HostNamespacePath, name, parse.GetRequiredValue(commandLine));
                if (File.Exists(recorded.Id)) return Exec(terminal, runner.Options.HostsDirectory, recorded.Id, name, parse.GetRequiredValue(commandLine));
                terminal.Error.WriteLine($"topo: node '{name}' of lab '{labName}' attaches to {recorded}, which does not exist any more");
                return ExitCodes.Error;
            }

            if (!named)
            {
                terminal.Error.WriteLine($"topo: there is no namespace '{name}' (is the lab applied? `topo apply FILE`; a node with network: host or netns: PATH has no namespace of its own: name the file, `topo exec -f FILE {name} -- ...`)");
                return ExitCodes.Error;
            }

            if (parse.GetValue(labOption) is { } wanted && !Owns(directory, wanted, name))
            {
                terminal.Error.WriteLine($"topo: namespace '{name}' is not marked as lab '{wanted}''s");
                return ExitCodes.Error;
            }

            return Exec(terminal, runner.Options.HostsDirectory, directory.PathOf(name), name, parse.GetRequiredValue(commandLine));
        });
        return command;
    }

    private static int Exec(Terminal terminal, string etcDirectory, string path, string name, string[] commandLine)
    {
        try
        {
            NamespaceExec.Replace(path, name, commandLine, etcDirectory);
        }
        catch (KernelException e)
        {
            terminal.Error.WriteLine($"topo: {e.Message}");
        }

        return 127;
    }

    // A namespace is the lab's by its loopback's alias: one link dump of that namespace says.
    private static bool Owns(NetnsDirectory directory, string lab, string node)
    {
        using var thread = directory.Open(node);
        using var client = RtnlClient.Open(thread, node);
        return NamespaceSnapshot.MarkOf(client.Links()) == lab;
    }
}
