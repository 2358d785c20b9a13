/** The physical envelope of a simulated GPU model, from public spec sheets and real captures. */
export interface GpuModel {
  name: string;
  memoryTotalMiB: number;
  powerLimitW: number;
  powerIdleW: number;
  clockSmIdleMHz: number;
  clockSmMaxMHz: number;
  clockMemIdleMHz: number;
  clockMemMaxMHz: number;
  /** Datacenter boards are passively cooled by the chassis: nvidia-smi reports no fan. */
  hasFan: boolean;
  /** HBM boards report a memory temperature; GDDR boards mostly do not. */
  hasMemoryTemperature: boolean;
  hasEcc: boolean;
  vbiosVersion: string;
  /** °C per watt above ambient at full airflow: how hot it runs under load. */
  thermalResistanceCPerW: number;
}

export const H100_SXM: GpuModel = {
  name: 'NVIDIA H100 80GB HBM3',
  memoryTotalMiB: 81_559,
  powerLimitW: 700,
  powerIdleW: 70,
  clockSmIdleMHz: 345,
  clockSmMaxMHz: 1_980,
  clockMemIdleMHz: 2_619,
  clockMemMaxMHz: 2_619,
  hasFan: false,
  hasMemoryTemperature: true,
  hasEcc: true,
  vbiosVersion: '96.00.A5.00.01',
  thermalResistanceCPerW: 0.055,
};

export const A100_SXM: GpuModel = {
  name: 'NVIDIA A100-SXM4-80GB',
  memoryTotalMiB: 81_920,
  powerLimitW: 400,
  powerIdleW: 55,
  clockSmIdleMHz: 210,
  clockSmMaxMHz: 1_410,
  clockMemIdleMHz: 1_593,
  clockMemMaxMHz: 1_593,
  hasFan: false,
  hasMemoryTemperature: true,
  hasEcc: true,
  vbiosVersion: '92.00.36.00.10',
  thermalResistanceCPerW: 0.09,
};

export const RTX_4090: GpuModel = {
  name: 'NVIDIA GeForce RTX 4090',
  memoryTotalMiB: 24_564,
  powerLimitW: 450,
  powerIdleW: 22,
  clockSmIdleMHz: 210,
  clockSmMaxMHz: 2_520,
  clockMemIdleMHz: 405,
  clockMemMaxMHz: 10_501,
  hasFan: true,
  hasMemoryTemperature: false,
  hasEcc: false,
  vbiosVersion: '95.02.18.80.5F',
  thermalResistanceCPerW: 0.1,
};

export const RTX_A6000: GpuModel = {
  name: 'NVIDIA RTX A6000',
  memoryTotalMiB: 49_140,
  powerLimitW: 300,
  powerIdleW: 25,
  clockSmIdleMHz: 210,
  clockSmMaxMHz: 1_800,
  clockMemIdleMHz: 405,
  clockMemMaxMHz: 8_001,
  hasFan: true,
  hasMemoryTemperature: false,
  hasEcc: true,
  vbiosVersion: '94.02.5C.00.02',
  thermalResistanceCPerW: 0.15,
};

/** GPU i of a simulated host gets model i mod 4: two fanless datacenter boards, two with fans. */
export const SIMULATED_MODELS: readonly GpuModel[] = [H100_SXM, RTX_4090, A100_SXM, RTX_A6000];
