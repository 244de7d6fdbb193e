// fake-webusb.js — a navigator.usb replacement backed by mynaweb's virtual readers.
//
// For browser tests and for integrators who want to try a page without hardware. It needs the
// wasm-bindgen glue of the `fakeusb` crate built with `--target no-modules` (global
// `wasm_bindgen`) and that crate's .wasm bytes:
//
//   installFakeWebUsb({
//     wasm: '<base64 of fakeusb_bg.wasm>' | Uint8Array,
//     readers: [{ model: 'rcs300', persona: 'standard' }],   // rcs380, rcs300, scr3310-nttcom, acr39u, acr1252
//   });
//
// It behaves like Chrome's WebUSB where a page can tell the difference:
// - requestDevice needs a user gesture (navigator.userActivation.isActive), applies the filters
//   (vendorId/productId/classCode) and "chooses" the first matching plugged reader;
// - claimInterface refuses protected classes (0x0B smart card, …) with Chrome's SecurityError;
// - a page whose permissions policy disallows "usb" gets Chrome's SecurityError;
// - unplugging fires `disconnect`, fails transfers with NetworkError, and replugging fires `connect`.
// Objects are plain (no instanceof), which is exactly what mynaweb's bindings expect.
//
// Test hooks on window.fakeWebUsb: unplug(i), replug(i), setCardPresent(i, present),
// scheduleFault(i, k, fault) — fault on the k-th bulk OUT transfer from now: 'remove-card',
// 'garble', 'short', 'nak', 'timeout', 'wtx', 'unplug' — and transfers(i) → {out, in}.
(function (global) {
  'use strict';

  const PROTECTED_CLASSES = new Set([0x01, 0x03, 0x08, 0x0b, 0x0e, 0x10, 0xe0]);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function base64ToBytes(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function usbAllowedHere() {
    const policy = global.document && global.document.featurePolicy;
    return !(policy && typeof policy.allowsFeature === 'function' && !policy.allowsFeature('usb'));
  }

  function policyError() {
    return new DOMException('Access to the feature "usb" is disallowed by permissions policy.', 'SecurityError');
  }

  class FakeDevice {
    constructor(usb, index, reader) {
      this._usb = usb;
      this._index = index;
      this._reader = reader;
      this._plugged = true;
      this._claimed = new Set();
      this._counts = { out: 0, in: 0 };
      this.vendorId = reader.vendorId;
      this.productId = reader.productId;
      this.productName = reader.productName;
      this.manufacturerName = null;
      this.serialNumber = null;
      this.deviceClass = 0;
      this.opened = false;
      const interfaces = JSON.parse(reader.interfacesJson()).map((i) => {
        const alternate = {
          alternateSetting: 0,
          interfaceClass: i.class,
          interfaceSubclass: i.subclass,
          interfaceProtocol: i.protocol,
          interfaceName: null,
          endpoints: i.endpoints.map((e) => ({
            endpointNumber: e.number,
            direction: e.direction,
            type: e.type,
            packetSize: e.packetSize,
          })),
        };
        return { interfaceNumber: i.number, alternate, alternates: [alternate], claimed: false };
      });
      this._configuration = { configurationValue: 1, configurationName: null, interfaces };
      this.configurations = [this._configuration];
      this.configuration = null;
    }

    _check(needsOpen = true) {
      if (!this._plugged) throw new DOMException('The device was disconnected.', 'NotFoundError');
      if (needsOpen && !this.opened) throw new DOMException('The device must be opened first.', 'InvalidStateError');
    }

    _interfaceOf(endpointNumber, direction) {
      return this._configuration.interfaces.find(
        (i) =>
          this._claimed.has(i.interfaceNumber) &&
          i.alternate.endpoints.some((e) => e.endpointNumber === endpointNumber && e.direction === direction),
      );
    }

    async open() {
      this._check(false);
      this.opened = true;
      this.configuration = this._configuration;
    }

    async close() {
      this.opened = false;
      this._claimed.clear();
      this._configuration.interfaces.forEach((i) => (i.claimed = false));
    }

    async selectConfiguration(value) {
      this._check();
      if (value !== 1) throw new DOMException('The configuration value provided is not supported by the device.', 'NotFoundError');
      this.configuration = this._configuration;
    }

    async claimInterface(number) {
      this._check();
      const iface = this._configuration.interfaces.find((i) => i.interfaceNumber === number);
      if (!iface) throw new DOMException('The interface number provided is not supported by the device in its current configuration.', 'NotFoundError');
      if (PROTECTED_CLASSES.has(iface.alternate.interfaceClass)) {
        throw new DOMException(
          "Failed to execute 'claimInterface' on 'USBDevice': The requested interface implements a protected class.",
          'SecurityError',
        );
      }
      this._claimed.add(number);
      iface.claimed = true;
    }

    async releaseInterface(number) {
      this._claimed.delete(number);
      const iface = this._configuration.interfaces.find((i) => i.interfaceNumber === number);
      if (iface) iface.claimed = false;
    }

    async transferOut(endpointNumber, data) {
      this._check();
      if (!this._interfaceOf(endpointNumber, 'out')) {
        throw new DOMException('The specified endpoint is not part of a claimed and selected alternate interface.', 'NotFoundError');
      }
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer ?? data);
      this._counts.out += 1;
      const status = this._reader.transferOut(endpointNumber, bytes);
      if (status === 'disconnected') {
        this._usb._unplug(this._index);
        throw new DOMException('A transfer error has occurred.', 'NetworkError');
      }
      return { status: status === 'ok' ? 'ok' : 'stall', bytesWritten: status === 'ok' ? bytes.length : 0 };
    }

    async transferIn(endpointNumber, length) {
      this._check();
      if (!this._interfaceOf(endpointNumber, 'in')) {
        throw new DOMException('The specified endpoint is not part of a claimed and selected alternate interface.', 'NotFoundError');
      }
      this._counts.in += 1;
      // A real transfer stays pending until the device answers; poll the virtual reader.
      for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
        if (!this._plugged || !this.opened) throw new DOMException('A transfer error has occurred.', 'NetworkError');
        const status = this._reader.transferIn(0x80 | endpointNumber, length);
        if (status === 'ok') return { status: 'ok', data: new DataView(this._reader.lastIn().buffer) };
        if (status === 'stall') return { status: 'stall', data: undefined };
        if (status === 'disconnected') {
          this._usb._unplug(this._index);
          throw new DOMException('A transfer error has occurred.', 'NetworkError');
        }
        await sleep(delay);
      }
    }

    async controlTransferIn(setup, length) {
      this._check();
      const status = this._reader.controlIn(setup.requestType, setup.recipient, setup.request, setup.value, setup.index, length);
      if (status === 'ok') return { status: 'ok', data: new DataView(this._reader.lastIn().buffer) };
      if (status === 'disconnected') throw new DOMException('A transfer error has occurred.', 'NetworkError');
      return { status: 'stall', data: undefined };
    }

    async controlTransferOut() {
      this._check();
      return { status: 'stall', bytesWritten: 0 };
    }

    async reset() {
      this._check();
    }
  }

  class FakeUSB extends EventTarget {
    constructor(ready) {
      super();
      this._ready = ready;
      this._devices = [];
      this._permitted = new Set();
      this.onconnect = null;
      this.ondisconnect = null;
    }

    _emit(kind, device) {
      const event = new Event(kind);
      event.device = device;
      this.dispatchEvent(event);
      const handler = this['on' + kind];
      if (typeof handler === 'function') handler.call(this, event);
    }

    _unplug(index) {
      const device = this._devices[index];
      if (!device || !device._plugged) return;
      device._plugged = false;
      device.opened = false;
      device._claimed.clear();
      this._emit('disconnect', device);
    }

    async requestDevice(options) {
      if (!usbAllowedHere()) throw policyError();
      if (!(global.navigator.userActivation && global.navigator.userActivation.isActive)) {
        throw new DOMException('Must be handling a user gesture to show a permission request.', 'SecurityError');
      }
      await this._ready;
      const filters = (options && options.filters) || [];
      const matches = (device) =>
        filters.length === 0 ||
        filters.some((f) => {
          if (f.vendorId !== undefined && f.vendorId !== device.vendorId) return false;
          if (f.productId !== undefined && f.productId !== device.productId) return false;
          if (f.classCode !== undefined) {
            const classes = [device.deviceClass, ...device._configuration.interfaces.map((i) => i.alternate.interfaceClass)];
            if (!classes.includes(f.classCode)) return false;
          }
          return true;
        });
      const chosen = this._devices.find((d) => d._plugged && matches(d));
      if (!chosen) throw new DOMException("Failed to execute 'requestDevice' on 'USB': No device selected.", 'NotFoundError');
      this._permitted.add(chosen);
      return chosen;
    }

    async getDevices() {
      if (!usbAllowedHere()) throw policyError();
      await this._ready;
      return this._devices.filter((d) => d._plugged && this._permitted.has(d));
    }
  }

  global.installFakeWebUsb = function installFakeWebUsb(config) {
    const bytes = typeof config.wasm === 'string' ? base64ToBytes(config.wasm) : config.wasm;
    let usb;
    const ready = global.wasm_bindgen({ module_or_path: bytes }).then(() => {
      usb._devices = config.readers.map(
        (r, index) => new FakeDevice(usb, index, new global.wasm_bindgen.FakeReader(r.model, r.persona)),
      );
    });
    usb = new FakeUSB(ready);
    Object.defineProperty(global.Navigator.prototype, 'usb', { get: () => usb, configurable: true });
    global.fakeWebUsb = {
      ready,
      unplug: (i) => usb._unplug(i),
      replug: (i) => {
        const device = usb._devices[i];
        if (!device || device._plugged) return;
        device._reader.replug();
        device._plugged = true;
        usb._emit('connect', device);
      },
      setCardPresent: (i, present) => usb._devices[i]._reader.setCardPresent(present),
      scheduleFault: (i, k, fault) => {
        const reader = usb._devices[i]._reader;
        reader.scheduleFault(reader.bulkOutCount + k, fault);
      },
      transfers: (i) => ({ ...usb._devices[i]._counts }),
    };
    return usb;
  };
})(globalThis);
