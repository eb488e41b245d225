using System.CommandLine;
using Topo.Cli.Commands;

namespace Topo.Cli;

/// <summary>The <c>topo</c> command tree. Commands only parse arguments, call the engine and render.</summary>
public static class TopoApp
{
    public static int Run(string[] args, Terminal terminal)
    {
        var root = new RootCommand("topo: declarative network labs (namespaces, veth, bridges, NAT) reconciled over netlink")
        {
            ValidateCommand.Create(terminal),
        };
        var config = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error };
        return root.Parse(args).Invoke(config);
    }
}
