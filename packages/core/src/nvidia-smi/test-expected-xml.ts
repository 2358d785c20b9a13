/**
 * Values read by a script (and checked by hand) from each `-q -x` capture (first GPU, as the file has it),
 * for the table-driven fixture tests. `gpus` is the number of <gpu> elements, not attached_gpus.
 */
export interface XmlExpectation {
  file: string;
  gpus: number;
  driverVersion: string | null;
  cudaVersion: string | null;
  name: string;
  uuid: string;
  busId: string;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerDrawW: number | null;
  powerLimitW: number | null;
  utilizationGpuPct: number | null;
  fanSpeedPct: number | null;
}

// One row per capture, kept on one line each so the table reads as a table.
// prettier-ignore
export const XML_EXPECTATIONS: readonly XmlExpectation[] = [
  { file: 'a0s-gtx1080-x2-processes.xml', gpus: 2, driverVersion: '460.27.04', cudaVersion: '11.2', name: 'GeForce GTX 1080', uuid: 'GPU-683c6e09-3969-31a5-b7ca-cc88252b7fce', busId: '00000000:01:00.0', memoryTotalMiB: 8116, temperatureC: 67, powerDrawW: 211.86, powerLimitW: 216, utilizationGpuPct: 100, fanSpeedPct: 53 },
  { file: 'a0s-quadro-p2000-418.56.xml', gpus: 1, driverVersion: '418.56', cudaVersion: '10.1', name: 'Quadro P2000', uuid: 'GPU-1ffe36ef-ac55-60ad-f9cf-623871e7736d', busId: '00000000:04:00.0', memoryTotalMiB: 5059, temperatureC: 62, powerDrawW: 20.32, powerLimitW: 75, utilizationGpuPct: 0, fanSpeedPct: 61 },
  { file: 'lampaa-smi_test_1-gtx-1050.xml', gpus: 1, driverVersion: '436.48', cudaVersion: '10.1', name: 'GeForce GTX 1050', uuid: 'GPU-a9685d8a-fbf2-7465-ee1f-307141ef06a8', busId: '00000000:01:00.0', memoryTotalMiB: 2048, temperatureC: 36, powerDrawW: null, powerLimitW: null, utilizationGpuPct: 2, fanSpeedPct: null },
  { file: 'lampaa-smi_test_3-gtx-1060-6gb.xml', gpus: 1, driverVersion: '440.59', cudaVersion: '10.2', name: 'GeForce GTX 1060 6GB', uuid: 'GPU-36d93047-20d4-1f53-260a-613eac368c41', busId: '00000000:09:00.0', memoryTotalMiB: 6077, temperatureC: 51, powerDrawW: 28.83, powerLimitW: 120, utilizationGpuPct: 2, fanSpeedPct: 0 },
  { file: 'lampaa-smi_test_4-gtx-1650-super.xml', gpus: 1, driverVersion: '440.59', cudaVersion: '10.2', name: 'GeForce GTX 1650 SUPER', uuid: 'GPU-603c37b8-6a15-4062-1b3e-29ff3afcea1d', busId: '00000000:06:00.0', memoryTotalMiB: 3911, temperatureC: 38, powerDrawW: 9.06, powerLimitW: 100, utilizationGpuPct: 0, fanSpeedPct: 53 },
  { file: 'lampaa-smi_test_5-gt-730.xml', gpus: 1, driverVersion: '440.59', cudaVersion: '10.2', name: 'GeForce GT 730', uuid: 'GPU-XXX9-b02c-1c4ca42113c8', busId: '00000000:20:00.0', memoryTotalMiB: 2001, temperatureC: 44, powerDrawW: null, powerLimitW: null, utilizationGpuPct: null, fanSpeedPct: 30 },
  { file: 'lampaa-smi_test_6-quadro-p2200.xml', gpus: 1, driverVersion: '450.80.02', cudaVersion: '11.0', name: 'Quadro P2200', uuid: 'GPU-4c049112-c7f5-5135-55da-7b4be79fb20b', busId: '00000000:26:00.0', memoryTotalMiB: 5058, temperatureC: 53, powerDrawW: 28.35, powerLimitW: 75, utilizationGpuPct: 0, fanSpeedPct: 56 },
  { file: 'lampaa-smi_test_7-gtx-1050-ti.xml', gpus: 1, driverVersion: '418.56', cudaVersion: '10.1', name: 'GeForce GTX 1050 Ti', uuid: 'GPU-44ed723b-7f9c-07da-236b-347ab81deddf', busId: '00000000:03:00.0', memoryTotalMiB: 4040, temperatureC: 45, powerDrawW: null, powerLimitW: 75, utilizationGpuPct: 0, fanSpeedPct: 51 },
  { file: 'netdata-a100-sxm4-mig.xml', gpus: 1, driverVersion: '510.47.03', cudaVersion: '11.6', name: 'NVIDIA A100-SXM4-40GB', uuid: 'GPU-27b94a00-ed54-5c24-b1fd-1054085de32a', busId: '00000000:00:04.0', memoryTotalMiB: 40960, temperatureC: 36, powerDrawW: 66.92, powerLimitW: 400, utilizationGpuPct: null, fanSpeedPct: null },
  { file: 'netdata-rtx-2080-win.xml', gpus: 1, driverVersion: '516.59', cudaVersion: '11.7', name: 'NVIDIA GeForce RTX 2080', uuid: 'GPU-fbd55ed4-1eec-4423-0a47-ad594b4333e3', busId: '00000000:0A:00.0', memoryTotalMiB: 8192, temperatureC: 29, powerDrawW: 14.5, powerLimitW: 275, utilizationGpuPct: 2, fanSpeedPct: 37 },
  { file: 'netdata-rtx-3060.xml', gpus: 1, driverVersion: '515.65.01', cudaVersion: '11.7', name: 'NVIDIA GeForce RTX 3060 Laptop GPU', uuid: 'GPU-473d8d0f-d462-185c-6b36-6fc23e23e571', busId: '00000000:01:00.0', memoryTotalMiB: 6144, temperatureC: 45, powerDrawW: 8.7, powerLimitW: null, utilizationGpuPct: 0, fanSpeedPct: null },
  { file: 'netdata-rtx-4090-driver-535.xml', gpus: 1, driverVersion: '535.86.05', cudaVersion: '12.2', name: 'NVIDIA GeForce RTX 4090', uuid: 'GPU-71d1acc2-662d-2166-bf9f-65272d2fc437', busId: '00000000:84:00.0', memoryTotalMiB: 24564, temperatureC: 40, powerDrawW: 26.84, powerLimitW: 450, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'netdata-tesla-p100.xml', gpus: 1, driverVersion: '510.47.03', cudaVersion: '11.6', name: 'Tesla P100-PCIE-16GB', uuid: 'GPU-d3da8716-eaab-75db-efc1-60e88e1cd55e', busId: '00000000:00:04.0', memoryTotalMiB: 16384, temperatureC: 38, powerDrawW: 26.16, powerLimitW: 250, utilizationGpuPct: 0, fanSpeedPct: null },
  { file: 'pai-geforce-gt730-outdated-trimmed.xml', gpus: 1, driverVersion: '384.111', cudaVersion: null, name: 'GeForce GT 730', uuid: 'GPU-09cb2925-9d01-5ca4-810b-6cdebe86b71a', busId: '00000000:01:00.0', memoryTotalMiB: null, temperatureC: null, powerDrawW: null, powerLimitW: null, utilizationGpuPct: null, fanSpeedPct: null },
  { file: 'pai-geforce-gtx1070-x2-sample.xml', gpus: 2, driverVersion: '384.66', cudaVersion: null, name: 'GeForce GTX 1070', uuid: 'GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', busId: '00000000:01:00.0', memoryTotalMiB: 8112, temperatureC: 60, powerDrawW: 119.47, powerLimitW: 180, utilizationGpuPct: 100, fanSpeedPct: 41 },
  { file: 'pai-rtx2080ti-x2-ecc-unsupported.xml', gpus: 2, driverVersion: '410.73', cudaVersion: '10.0', name: 'GeForce RTX 2080 Ti', uuid: 'GPU-57567e11-0be2-381b-5132-2ad95c262e58', busId: '00000000:02:00.0', memoryTotalMiB: 10989, temperatureC: 24, powerDrawW: 2.12, powerLimitW: 250, utilizationGpuPct: 0, fanSpeedPct: 22 },
  { file: 'pai-tesla-k80-x4-out-of-order.xml', gpus: 4, driverVersion: '430.26', cudaVersion: null, name: 'Tesla K80', uuid: 'GPU-c3b26f7a-8dcb-619c-fa1b-8029265a4db0', busId: '00001580:00:00.0', memoryTotalMiB: 11441, temperatureC: 64, powerDrawW: 135.72, powerLimitW: 149, utilizationGpuPct: 99, fanSpeedPct: null },
  { file: 'pai-tesla-v100-sxm3-retired-pages.xml', gpus: 1, driverVersion: '410.104', cudaVersion: '10.0', name: 'Tesla V100-SXM3-32GB', uuid: 'GPU-ef23ffa6-c9fd-93d5-aeb8-612c087255ff', busId: '00000000:34:00.0', memoryTotalMiB: 32480, temperatureC: 33, powerDrawW: 50.6, powerLimitW: 350, utilizationGpuPct: 0, fanSpeedPct: null },
  { file: 'rai-grid-k520-example1.xml', gpus: 1, driverVersion: '352.99', cudaVersion: null, name: 'GRID K520', uuid: 'GPU-cc96d6f4-7f66-e1fc-8179-a45dbd47664c', busId: '00000000:00:03.0', memoryTotalMiB: 4095, temperatureC: 31, powerDrawW: 17.97, powerLimitW: 125, utilizationGpuPct: 0, fanSpeedPct: null },
  { file: 'telegraf-a100-sxm4-v12.xml', gpus: 1, driverVersion: '535.54.03', cudaVersion: '12.2', name: 'NVIDIA A100-SXM4-80GB', uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298', busId: '00000000:01:00.0', memoryTotalMiB: 81920, temperatureC: 27, powerDrawW: 67.03, powerLimitW: 500, utilizationGpuPct: null, fanSpeedPct: null },
  { file: 'telegraf-a10g.xml', gpus: 1, driverVersion: '515.105.01', cudaVersion: '11.7', name: 'NVIDIA A10G', uuid: 'GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94', busId: '00000000:00:1E.0', memoryTotalMiB: 23028, temperatureC: 17, powerDrawW: 25.58, powerLimitW: 300, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'telegraf-gtx-1070-ti.xml', gpus: 1, driverVersion: null, cudaVersion: null, name: 'GeForce GTX 1070 Ti', uuid: 'GPU-f9ba66fc-a7f5-94c5-da19-019ef2f9c665', busId: '00000000:01:00.0', memoryTotalMiB: 4096, temperatureC: 39, powerDrawW: null, powerLimitW: null, utilizationGpuPct: 0, fanSpeedPct: 100 },
  { file: 'telegraf-gtx-1660-ti.xml', gpus: 1, driverVersion: '418.43', cudaVersion: '10.1', name: 'Graphics Device', uuid: 'GPU-304a277d-3545-63b8-3a36-dfde3c992989', busId: '00000000:43:00.0', memoryTotalMiB: 5912, temperatureC: 40, powerDrawW: 8.93, powerLimitW: 130, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'telegraf-quadro-p2000-v12.xml', gpus: 1, driverVersion: '525.125.06', cudaVersion: '12.0', name: 'Quadro P2000', uuid: 'GPU-396caaed-39ca-3199-2e68-717cdb786ec6', busId: '00000000:17:00.0', memoryTotalMiB: 5120, temperatureC: 34, powerDrawW: 4.61, powerLimitW: 75, utilizationGpuPct: 0, fanSpeedPct: 46 },
  { file: 'telegraf-quadro-p400.xml', gpus: 1, driverVersion: '418.43', cudaVersion: '10.1', name: 'Quadro P400', uuid: 'GPU-8f750be4-dfbc-23b9-b33f-da729a536494', busId: '00000000:43:00.0', memoryTotalMiB: 1998, temperatureC: 33, powerDrawW: null, powerLimitW: null, utilizationGpuPct: 0, fanSpeedPct: 34 },
  { file: 'telegraf-rtx-3060-v12.xml', gpus: 1, driverVersion: '570.124.04', cudaVersion: '12.8', name: 'NVIDIA GeForce RTX 3060', uuid: 'GPU-d6889ff6-2523-9142-ca3c-1ca3f396a625', busId: '00000000:2D:00.0', memoryTotalMiB: 12288, temperatureC: 42, powerDrawW: 11.63, powerLimitW: 170, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'telegraf-rtx-3080-v12.xml', gpus: 1, driverVersion: '536.40', cudaVersion: '12.2', name: 'NVIDIA GeForce RTX 3080', uuid: 'GPU-19d6d965-2acc-f646-00f8-4c76979aabb4', busId: '00000000:04:00.0', memoryTotalMiB: 10240, temperatureC: 31, powerDrawW: 22.78, powerLimitW: 336, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'telegraf-rtx-3080-v13.xml', gpus: 1, driverVersion: '595.58.03', cudaVersion: '13.2', name: 'NVIDIA GeForce RTX 3080', uuid: 'GPU-19d6d965-2acc-f646-00f8-4c76979aabb4', busId: '00000000:0C:00.0', memoryTotalMiB: 10240, temperatureC: 27, powerDrawW: 142.33, powerLimitW: 320, utilizationGpuPct: 65, fanSpeedPct: 0 },
  { file: 'telegraf-rtx-3090-v12.xml', gpus: 1, driverVersion: '525.147.05', cudaVersion: '12.0', name: 'NVIDIA GeForce RTX 3090', uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', busId: '00000000:00:10.0', memoryTotalMiB: 24576, temperatureC: 37, powerDrawW: 27.23, powerLimitW: 200, utilizationGpuPct: 0, fanSpeedPct: 0 },
  { file: 'telegraf-rtx-4000-sff-ada-v13.xml', gpus: 1, driverVersion: '595.84', cudaVersion: '13.2', name: 'NVIDIA RTX 4000 SFF Ada Generation', uuid: 'GPU-37037c3f-65c8-ec4d-24a9-420204ad8026', busId: '00000000:06:00.0', memoryTotalMiB: 20475, temperatureC: 38, powerDrawW: 8.44, powerLimitW: 70, utilizationGpuPct: 0, fanSpeedPct: 30 },
  { file: 'telegraf-tesla-t4.xml', gpus: 1, driverVersion: '515.105.01', cudaVersion: '11.7', name: 'Tesla T4', uuid: 'GPU-d37e67a5-91dd-3774-a5cb-99096249601a', busId: '00000000:00:1E.0', memoryTotalMiB: 15360, temperatureC: 40, powerDrawW: 26.78, powerLimitW: 70, utilizationGpuPct: 0, fanSpeedPct: null },
];
