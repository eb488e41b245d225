using System.CommandLine;
using System.Runtime.InteropServices;
using Topo.Cli.Output;
using Topo.Core.Capture;
using Topo.Core.Validation;
using Topo.Linux;
using Topo.Linux.Capture;
using Topo.Linux.Namespaces;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo capture FILE NODE:IF|BRIDGE [-w FILE.pcapng|-] [-c N] [--for 5s] [--proto icmp|tcp|udp]</c>: the packets
/// on one interface of the lab, read in the process from a packet socket in the interface's namespace (no tcpdump),
/// one line each, one JSON object each, or pcapng. Stops after N packets, after the duration, or on SIGINT/SIGTERM,
/// each with what the kernel already queued written; exit 0 then, as tcpdump.
/// </summary>
public static class CaptureCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var target = new Argument<string>("TARGET") { Description = "NODE:IF (host:IF for the host's end of a cable), or a BRIDGE: the interface to listen on." };
        var write = new Option<string?>("--write", "-w") { Description = "Write pcapng to this file instead of lines; - writes it to standard output (wireshark -k -i -).", HelpName = "FILE" };
        var count = new Option<int?>("--count", "-c") { Description = "Stop after this many packets (of those --proto keeps).", HelpName = "N" };
        var duration = new Option<TimeSpan?>("--for")
        {
            Description = "Stop after this long (5s, 500ms, 2m).",
            HelpName = "DURATION",
            CustomParser = result =>
            {
                if (Duration.Parse(result.Tokens[0].Value) is { } span) return span;
                result.AddError($"--for: '{result.Tokens[0].Value}' is not a duration like 5s, 500ms or 2m");
                return null;
            },
        };
        var proto = new Option<string[]>("--proto")
        {
            Description = "Keep only these: icmp (ICMP and ICMPv6), tcp, udp; give it more than once for several.",
            AllowMultipleArgumentsPerToken = false,
        }.AcceptOnlyFromAmong([.. ProtocolFilter.Known]);
        var command = new Command("capture", "Show the packets on an interface of the lab (time, addresses, ports, TCP flags, ICMP type), or write them as pcapng.")
        {
            common.File, target, write, count, duration, proto, common.Output, common.Host,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            if (parse.GetValue(count) is <= 0)
            {
                terminal.Error.WriteLine("topo: --count must be at least 1");
                return ExitCodes.Error;
            }

            if (runner.Load(file, parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } lab }) return ExitCodes.Error;
            var (where, problem) = CaptureTargets.Resolve(lab.Desired, parse.GetRequiredValue(target));
            if (where is null)
            {
                terminal.Error.WriteLine($"topo: {problem}");
                return ExitCodes.Error;
            }

            var settings = new CaptureSettings(where, parse.GetValue(write), parse.GetValue(count), parse.GetValue(duration),
                new ProtocolFilter([.. parse.GetValue(proto) ?? []]), parse.GetValue(common.Output) == "json");
            return runner.Run(parse, _ => Capture(terminal, runner.Options, settings));
        });
        return command;
    }

    private static int Capture(Terminal terminal, KernelOptions options, CaptureSettings settings)
    {
        var where = settings.Target;
        var directory = new NetnsDirectory(options.NetnsDirectory);
        if (!where.Ns.IsHost && !directory.Exists(where.Ns))
        {
            terminal.Error.WriteLine($"topo: namespace '{where.Ns.Display}' not found (is the lab applied?)");
            return ExitCodes.Error;
        }

        using var thread = where.Ns.IsHost ? NamespaceThread.Enter(options.HostNamespacePath, "host") : directory.Open(where.Ns);
        using var socket = PacketSocket.Open(thread, where.Interface);
        if (socket is null)
        {
            terminal.Error.WriteLine($"topo: {where.Shown}: no such interface in {where.Ns.Display} (is the lab applied?)");
            return ExitCodes.Error;
        }

        // The first SIGINT or SIGTERM ends the capture once what is queued is written; a second one ends the process.
        var signals = 0;
        void Stop(PosixSignalContext context)
        {
            context.Cancel = Interlocked.Increment(ref signals) == 1;
            socket.Stop();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var timer = settings.For is { } span ? new Timer(_ => socket.Stop(), null, span, Timeout.InfiniteTimeSpan) : null;
        using var pcap = settings.Write switch
        {
            null => null,
            "-" => Console.OpenStandardOutput(),
            var path => File.Create(path),
        };
        var writer = pcap is null ? null : new PcapngWriter(pcap, where.Shown, PacketSocket.SnapLength);
        // Once bound, nothing the interface sends or receives is missed: a caller may start its traffic now.
        terminal.Error.WriteLine($"topo: listening on {where.Shown} (ifindex {socket.Index}, Ethernet, {PacketSocket.SnapLength} bytes a frame)");
        terminal.Error.Flush();

        var (kept, seen) = (0, 0);
        while ((settings.Count is not { } most || kept < most) && socket.Receive() is { } frame)
        {
            seen++;
            var packet = EthernetDecoder.Decode(frame.Data);
            if (!settings.Filter.Keeps(packet)) continue;
            kept++;
            if (writer is not null) writer.Write(frame);
            else terminal.Out.WriteLine(settings.Json ? CaptureJson.Line(frame, packet, where.Shown) : PacketLine.Render(frame, packet, where.Shown, TimeZoneInfo.Local));
            terminal.Out.Flush();
        }

        var skipped = seen - kept;
        terminal.Error.WriteLine($"topo: {kept} packet{(kept == 1 ? "" : "s")} captured on {where.Shown}{(skipped > 0 ? $" ({skipped} more not --proto's)" : "")}");
        return ExitCodes.Ok;
    }

    private sealed record CaptureSettings(CaptureTarget Target, string? Write, int? Count, TimeSpan? For, ProtocolFilter Filter, bool Json);
}
