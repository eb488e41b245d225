using Topo.Core.Capture;

namespace Topo.Core.Tests.Capture;

/// <summary>The pcapng blocks byte for byte, laid out by hand from the format's description (little-endian).</summary>
public sealed class PcapngWriterTests
{
    private const string SectionHeader =
        "0a0d0d0a" + "28000000" // type, total length 40
        + "4d3c2b1a" + "0100" + "0000" // byte-order magic, version 1.0
        + "ffffffffffffffff" // section length: unknown
        + "0400" + "0400" + "746f706f" // shb_userappl "topo"
        + "00000000" // end of options
        + "28000000";

    private const string InterfaceDescription =
        "01000000" + "2c000000" // type 1, total length 44
        + "0100" + "0000" + "00000400" // link type 1 (Ethernet), reserved, snap length 262144
        + "0200" + "0800" + "636c693a65746830" // if_name "cli:eth0"
        + "0900" + "0100" + "09000000" // if_tsresol 9 (nanoseconds), padded
        + "00000000"
        + "2c000000";

    [Fact]
    public void The_head_is_a_section_header_and_one_ethernet_interface_in_nanoseconds()
    {
        using var output = new MemoryStream();

        _ = new PcapngWriter(output, "cli:eth0", 262144);

        Assert.Equal(SectionHeader + InterfaceDescription, Convert.ToHexString(output.ToArray()).ToLowerInvariant());
    }

    [Fact]
    public void A_packet_is_an_enhanced_packet_block_with_the_kernels_nanoseconds_and_padded_data()
    {
        using var output = new MemoryStream();
        var writer = new PcapngWriter(output, "cli:eth0", 262144);
        var head = output.Length;

        // 1700000000123456789 ns = 0x17979cfe_3d85cd15.
        writer.Write(new CapturedFrame(1_700_000_000_123_456_789, false, [1, 2, 3, 4, 5], 60));

        var block = Convert.ToHexString(output.ToArray()[(int)head..]).ToLowerInvariant();
        Assert.Equal(
            "06000000" + "28000000" // type 6, total length 40
            + "00000000" // interface 0
            + "fe9c9717" + "15cd853d" // timestamp high, low
            + "05000000" + "3c000000" // captured 5, original 60
            + "0102030405000000" // data, padded to 32 bits
            + "28000000",
            block);
    }
}
