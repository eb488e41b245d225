using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Trace;
using Topo.Linux.Trace;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo trace FILE FROM TO[:PORT]</c>: one real probe, followed through the kernel namespace by namespace.
/// 0 when it was delivered, 1 when it stopped on the way (the answer says where and why) or on an error.
/// </summary>
public static class TraceCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var from = new Argument<string>("FROM") { Description = "Where the probe starts: a node, or host." };
        var to = new Argument<string>("TO") { Description = "Where it goes: a node, host, or an address, with :PORT for TCP or UDP (as a check's to:)." };
        var proto = new Option<string?>("--proto") { Description = "icmp, tcp or udp (default: tcp with a port, icmp without)." };
        proto.AcceptOnlyFromAmong("icmp", "tcp", "udp");
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the probe's answer before reading what the kernel saw.", DefaultValueFactory = _ => 1.0 };
        var command = new Command("trace", "Send one probe and show its path from the kernel: each namespace's route lookup, the bridge it crosses, every nftables rule it meets, its NAT, and where and why it stops.")
        {
            common.File, from, to, proto, wait, common.Host, common.Output,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            if (runner.Load(file, parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } lab }) return ExitCodes.Error;
            var (target, errors) = TraceTargets.Resolve(file.ToString(), parse.GetRequiredValue(from), parse.GetRequiredValue(to), parse.GetValue(proto));
            if (target is null)
            {
                foreach (var line in errors) terminal.Error.WriteLine(line);
                return ExitCodes.Error;
            }

            // In a lab of several hosts the trace follows this machine's share.
            target = target with { Lab = target.Lab with { Desired = lab.Desired } };
            var seconds = parse.GetValue(wait);
            return runner.Run(parse, log =>
            {
                var report = PacketTrace.Run(target, runner.Options, TimeSpan.FromSeconds(seconds > 0 ? seconds : 1), log).GetAwaiter().GetResult();
                terminal.Out.Write(parse.GetValue(common.Output) == "json" ? TraceJson.Write(lab.Lab, report) + "\n" : TraceText.Render(report));
                return report.Outcome == TraceOutcome.Delivered ? ExitCodes.Ok : ExitCodes.Error;
            });
        });
        return command;
    }
}
