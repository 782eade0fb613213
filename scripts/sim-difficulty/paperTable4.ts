/**
 * The Relay Mining paper's Table 4 ("Pocket Network V0 Experiment results", arXiv 2305.10672 §7) as
 * printed, and the per-case figures of its Appendix II. In the printed table the last two rows' figures
 * (all but Duration) appear swapped relative to Appendix II; both are recorded. The paper's T is 10^4 mined
 * relays per block, its EMA (α = 0.1) is updated every block and p every 4 blocks, so a "block" there plays
 * the role of one EMA update (one session) here.
 */
export const paperTable4 = {
  source: 'Olshansky & Rodríguez Colmeiro, "Relay Mining", arXiv 2305.10672, Table 4 and Appendix II',
  config: { targetPerBlock: 10_000, alpha: 0.1, pUpdateEveryBlocks: 4 },
  asPrinted: [
    {
      event: 'Steady High Volume',
      durationBlocks: 3000,
      minMaxClaims: [6789, 20710],
      minMaxTargetErrorPct: [-32.11, 107.1],
      accumulatedTargetErrorPerBlock: 7,
      minMaxVolumeErrorPct: [-3.23, 4.17],
    },
    {
      event: 'Soft surge',
      durationBlocks: 175,
      minMaxClaims: [7804, 14496],
      minMaxTargetErrorPct: [-21.96, 44.96],
      accumulatedTargetErrorPerBlock: 620,
      minMaxVolumeErrorPct: [-2.91, 3.04],
    },
    {
      event: 'Step drop',
      durationBlocks: 44,
      minMaxClaims: [1305, 88963],
      minMaxTargetErrorPct: [-86.95, 789.63],
      accumulatedTargetErrorPerBlock: 170,
      minMaxVolumeErrorPct: [-1.92, 3.45],
    },
    {
      event: 'Step surge',
      durationBlocks: 24,
      minMaxClaims: [499, 13897],
      minMaxTargetErrorPct: [-95.01, 38.97],
      accumulatedTargetErrorPerBlock: -60,
      minMaxVolumeErrorPct: [-5.21, 2.59],
    },
  ],
  appendixII: [
    {
      event: 'Steady high volume (Polygon Mainnet, blocks 91000–94000)',
      durationBlocks: 3000,
      meanTargetDeviationPct: 0.7,
      peakTargetDeviationPct: 107,
      accumulatedExtraClaims: 20639,
      peakVolumeErrorPct: 4.17,
    },
    {
      event: 'Soft surge (Ethereum, 2.9e6 → 1.1e7 relays per block, blocks 93775–93950)',
      durationBlocks: 175,
      meanTargetDeviationPct: 6.2,
      peakTargetDeviationPct: 44.6,
      accumulatedExtraClaims: 108580,
      meanVolumeErrorPct: -0.02,
      peakVolumeErrorPct: 3.04,
    },
    {
      event: 'Step drop (Harmony Shard 0, 273e3 → 21e3 relays per block, ≈13×, blocks 90772–90816)',
      durationBlocks: 44,
      meanTargetDeviationPct: 60.2,
      peakTargetDeviationPct: 95,
      accumulatedExtraClaims: -264717,
      meanVolumeErrorPct: -0.21,
      peakVolumeErrorPct: 5.21,
    },
    {
      event: 'Step surge (Polygon Archival, 1120 → 276e3 relays per block, ≈246×, blocks 91532–91556)',
      durationBlocks: 24,
      meanTargetDeviationPct: 170.32,
      peakTargetDeviationPct: 789,
      accumulatedExtraClaims: 408767,
      meanVolumeErrorPct: 0.07,
      peakVolumeErrorPct: 3.45,
    },
  ],
}
