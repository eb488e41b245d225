using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Topo.Linux.Probes;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo capture</c> on a lab with a published port: a ping and a TCP handshake through the port map, seen at once
/// on both ends of the client's cable (the addresses it sent to), on the server's end (the addresses after the DNAT),
/// and on the bridge as pcapng that tcpdump, the witness, reads packet for packet.
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class CaptureTests : IDisposable
{
    private const string Lab = """
        version: 1
        lab: capt
        host: {sysctls: {net.ipv4.ip_forward: 1}}
        bridges: {captbr0: {subnet: 10.73.0.0/24}}
        nodes:
          captweb: {ports: ["8080:80/tcp"]}
          captcli: {routes: [{to: default, via: 10.74.0.1}]}
        links:
          - [captweb:eth0, captbr0]
          - endpoints: [captcli:eth0, host:captcli0]
            addresses: {captcli:eth0: 10.74.0.2/24, host:captcli0: 10.74.0.1/24}
        """;

    private readonly LabRun _run = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"capt-{Guid.NewGuid():N}.yaml");
    private readonly string _pcap = Path.Combine(Path.GetTempPath(), $"capt-{Guid.NewGuid():N}.pcapng");

    public CaptureTests() => File.WriteAllText(_file, Lab);

    public void Dispose()
    {
        _run.Dispose();
        File.Delete(_file);
        File.Delete(_pcap);
    }

    [KernelFact]
    public async Task A_ping_and_a_handshake_through_a_port_map_show_on_both_ends_of_the_cable_and_translated_at_the_server()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        var captures = new[]
        {
            await Capture.Start(_run, _file, "captcli:eth0"),
            await Capture.Start(_run, _file, "host:captcli0"),
            await Capture.Start(_run, _file, "captweb:eth0", "--proto", "icmp", "--proto", "tcp"),
            await Capture.Start(_run, _file, "captbr0", "-w", _pcap),
        };
        int clientPort;
        using (var cli = _run.Node("captcli"))
        using (var web = _run.Node("captweb"))
        {
            var ping = await IcmpEcho.Probe(cli, IPAddress.Parse("10.73.0.2"), TimeSpan.FromSeconds(5));
            Assert.Equal(Seen.Answer, ping.Seen);
            using var listener = web.Invoke(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            listener.Bind(new IPEndPoint(IPAddress.Any, 80));
            listener.Listen();
            using var client = cli.Invoke(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            var accepted = listener.AcceptAsync();
            await client.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.74.0.1"), 8080)).WaitAsync(TimeSpan.FromSeconds(10));
            // The server's accept returns once the last ACK went through every tap on the way: all four have queued it.
            using var server = await accepted.WaitAsync(TimeSpan.FromSeconds(10));
            clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;
            foreach (var capture in captures) capture.Interrupt();
            var done = await Task.WhenAll(captures.Select(c => c.Finish()));
            Assert.All(done, d => Assert.True(d.ExitCode == 0, d.Error));
        }

        var (near, far, atServer, bridge) = (captures[0].Result!, captures[1].Result!, captures[2].Result!, captures[3].Result!);
        var p = clientPort;
        Assert.Equal(
        [
            "captcli:eth0 out 10.74.0.2 -> 10.73.0.2 ICMP echo request",
            "captcli:eth0 in 10.73.0.2 -> 10.74.0.2 ICMP echo reply",
            $"captcli:eth0 out 10.74.0.2:{p} -> 10.74.0.1:8080 TCP [SYN]",
            $"captcli:eth0 in 10.74.0.1:8080 -> 10.74.0.2:{p} TCP [SYN,ACK]",
            $"captcli:eth0 out 10.74.0.2:{p} -> 10.74.0.1:8080 TCP [ACK]",
        ], Ipv4Lines(near.Out));
        Assert.Contains(Lines(near.Out), l => l.EndsWith("ARP who-has 10.74.0.1 tell 10.74.0.2", StringComparison.Ordinal));
        Assert.Equal(
        [
            "host:captcli0 in 10.74.0.2 -> 10.73.0.2 ICMP echo request",
            "host:captcli0 out 10.73.0.2 -> 10.74.0.2 ICMP echo reply",
            $"host:captcli0 in 10.74.0.2:{p} -> 10.74.0.1:8080 TCP [SYN]",
            $"host:captcli0 out 10.74.0.1:8080 -> 10.74.0.2:{p} TCP [SYN,ACK]",
            $"host:captcli0 in 10.74.0.2:{p} -> 10.74.0.1:8080 TCP [ACK]",
        ], Ipv4Lines(far.Out));
        // At the server the destination is the one the DNAT wrote: its own address and port, not the host's 8080.
        Assert.Equal(
        [
            "captweb:eth0 in 10.74.0.2 -> 10.73.0.2 ICMP echo request",
            "captweb:eth0 out 10.73.0.2 -> 10.74.0.2 ICMP echo reply",
            $"captweb:eth0 in 10.74.0.2:{p} -> 10.73.0.2:80 TCP [SYN]",
            $"captweb:eth0 out 10.73.0.2:80 -> 10.74.0.2:{p} TCP [SYN,ACK]",
            $"captweb:eth0 in 10.74.0.2:{p} -> 10.73.0.2:80 TCP [ACK]",
        ], Ipv4Lines(atServer.Out));
        // --proto icmp --proto tcp: the ARP that came before the first packet to web is counted, not shown.
        Assert.DoesNotContain(Lines(atServer.Out), l => l.Contains(" ARP ", StringComparison.Ordinal));
        Assert.Contains($"topo: {Lines(atServer.Out).Count} packets captured on captweb:eth0 (", atServer.Error);
        Assert.Matches(@"\(\d+ more not --proto's\)\n$", atServer.Error);
        Assert.All(Lines(near.Out), l => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{9} captcli:eth0 (in|out) ", l));

        Assert.Equal("", bridge.Out);
        var written = int.Parse(CapturedCount().Match(bridge.Error).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var witness = KernelSandbox.Run("tcpdump", "-r", _pcap, "-nn", "--nano");
        Assert.Equal(written, Lines(witness).Count);
        Assert.Contains(Lines(witness), l => l.Contains($"IP 10.74.0.2.{p} > 10.73.0.2.80: Flags [S]", StringComparison.Ordinal));
        Assert.Contains(Lines(witness), l => l.Contains("IP 10.74.0.2 > 10.73.0.2: ICMP echo request", StringComparison.Ordinal));
    }

    [KernelFact]
    public void An_unknown_interface_or_a_lab_not_applied_is_an_error_that_names_what_there_is()
    {
        var typo = _run.Topo("capture", _file, "captweb:eth1");
        var notApplied = _run.Topo("capture", _file, "captweb:eth0", "-c", "1");

        Assert.Equal((1, ""), (typo.ExitCode, typo.Out));
        Assert.Matches(@"^topo: node 'captweb' has no interface named 'eth1'; its interfaces: eth0 \(peer of host:veth\w+\), lo\n$", typo.Error);
        Assert.Equal(1, notApplied.ExitCode);
        Assert.Equal("topo: namespace 'captweb' not found (is the lab applied?)\n", notApplied.Error);
    }

    [KernelFact]
    public async Task A_json_capture_stops_after_its_count_with_one_object_a_line()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        // TCP to a closed port (SYN, RST): the interfaces' own ICMPv6 would take an ICMP capture's count.
        var capture = await Capture.Start(_run, _file, "captcli:eth0", "-c", "2", "--proto", "tcp", "-o", "json");
        using (var cli = _run.Node("captcli"))
            Assert.Equal(Seen.Refused, (await TransportProbe.Tcp(cli, IPAddress.Parse("10.74.0.1"), 9, TimeSpan.FromSeconds(5))).Seen);

        var done = await capture.Finish();

        Assert.Equal(0, done.ExitCode);
        var objects = Lines(done.Out).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["SYN", "RST,ACK"], objects.Select(o => o.GetProperty("tcpFlags").GetString()));
        Assert.Equal(("captcli:eth0", "out", "ipv4", "TCP", "10.74.0.2", "10.74.0.1", 9), (objects[0].GetProperty("interface").GetString(),
            objects[0].GetProperty("direction").GetString(), objects[0].GetProperty("family").GetString(), objects[0].GetProperty("protocol").GetString(),
            objects[0].GetProperty("source").GetString(), objects[0].GetProperty("destination").GetString(), objects[0].GetProperty("destinationPort").GetInt32()));
        Assert.Equal(("in", 9), (objects[1].GetProperty("direction").GetString(), objects[1].GetProperty("sourcePort").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, objects[0].GetProperty("icmp").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", objects[0].GetProperty("time").GetString());
    }

    [KernelFact]
    public async Task Pcapng_on_standard_output_streams_to_a_reader_as_wireshark_k_i_dash_takes_it()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        // TCP, not ICMP: the interfaces' own ICMPv6 (MLD, router solicitations) would count too. Nothing listens on 9: SYN, then RST.
        var capture = await Capture.Start(_run, _file, "host:captcli0", "-w", "-", "-c", "2", "--proto", "tcp");
        using (var cli = _run.Node("captcli"))
            Assert.Equal(Seen.Refused, (await TransportProbe.Tcp(cli, IPAddress.Parse("10.74.0.1"), 9, TimeSpan.FromSeconds(5))).Seen);

        var done = await capture.Finish();

        Assert.True(done.ExitCode == 0, done.Error);
        await File.WriteAllBytesAsync(_pcap, capture.Bytes!);
        var witness = Lines(KernelSandbox.Run("tcpdump", "-r", _pcap, "-nn"));
        Assert.Equal(2, witness.Count);
        Assert.Matches(@"IP 10\.74\.0\.2\.\d+ > 10\.74\.0\.1\.9: Flags \[S\]", witness[0]);
        Assert.Matches(@"IP 10\.74\.0\.1\.9 > 10\.74\.0\.2\.\d+: Flags \[R\.\]", witness[1]);
    }

    [KernelFact]
    public void A_capture_with_a_duration_ends_by_itself_and_says_how_many_it_saw()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        var clock = Stopwatch.StartNew();

        var run = _run.Topo("capture", _file, "captweb:lo", "--for", "300ms");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), clock.Elapsed.ToString());
        Assert.EndsWith("topo: 0 packets captured on captweb:lo\n", run.Error);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    // The time cut off, the echo's id and sequence too (the probe picks the id): the rest is the same every run.
    private static List<string> Ipv4Lines(string text) =>
    [
        .. Lines(text).Where(l => l.Contains(" ICMP ", StringComparison.Ordinal) || l.Contains(" TCP ", StringComparison.Ordinal))
            .Select(l => EchoId().Replace(l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..], "")),
    ];

    [GeneratedRegex(@" id \d+ seq \d+$")]
    private static partial Regex EchoId();

    [GeneratedRegex(@"topo: (\d+) packets? captured on captbr0")]
    private static partial Regex CapturedCount();

    /// <summary>The real binary capturing in the sandbox; started once it says it listens, stopped by SIGINT as Ctrl-C stops it.</summary>
    private sealed class Capture
    {
        private readonly Process _process;
        private readonly Task<string> _out;
        private readonly Task<string> _error;
        private readonly MemoryStream? _bytes;

        private Capture(Process process, Task<string> stdout, Task<string> stderr, MemoryStream? bytes)
        {
            _process = process;
            _out = stdout;
            _error = stderr;
            _bytes = bytes;
        }

        public CliRun? Result { get; private set; }

        /// <summary>Standard output as bytes, for <c>-w -</c>.</summary>
        public byte[]? Bytes => _bytes?.ToArray();

        public static async Task<Capture> Start(LabRun run, string file, params string[] args)
        {
            var process = run.Start(null, ["capture", file, .. args]);
            var first = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (first is null || !first.StartsWith("topo: listening on ", StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException($"capture {string.Join(' ', args)} did not listen: {first}{await process.StandardError.ReadToEndAsync()}");
            }

            if (!args.Contains("-"))
                return new Capture(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), null);
            var bytes = new MemoryStream();
            var copied = process.StandardOutput.BaseStream.CopyToAsync(bytes).ContinueWith(_ => "", TaskScheduler.Default);
            return new Capture(process, copied, process.StandardError.ReadToEndAsync(), bytes);
        }

        public void Interrupt() => KernelSandbox.Run("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public async Task<CliRun> Finish()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Result = new CliRun(_process.ExitCode, await _out, await _error);
            _process.Dispose();
            return Result;
        }
    }
}
